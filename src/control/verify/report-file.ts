import { randomUUID } from 'node:crypto'
import { rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Report } from '../../model/control/report.js'
import { reportMarkdown } from './report-markdown.js'

/** Markdown for a `.md` file (a CI job summary), JSON otherwise. */
function reportText(file: string, report: Report): string {
  return /\.(md|markdown)$/i.test(file) ? reportMarkdown(report) : `${JSON.stringify(report, null, 2)}\n`
}

/**
 * Writes the report atomically: to a temporary file in the same folder, then renamed over `file`, so that a
 * reader never sees half a report. (Hand-written: write-file-atomic 8 needs Node 22, and it installs signal
 * handlers of its own beside close-with-grace's.)
 */
export async function writeReportFile(file: string, report: Report): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${randomUUID()}.tmp`)
  try {
    await writeFile(temporary, reportText(file, report))
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeReportFile } from '../../../src/control/verify/report-file.js'
import { reportMarkdown } from '../../../src/control/verify/report-markdown.js'
import type { Report } from '../../../src/model/control/report.js'

const REPORT: Report = {
  summary: {
    requests: 1,
    unmatched: 1,
    findings: { error: 0, warning: 0, info: 1 },
    rules: { 'no-select': 1 },
    from: '2026-01-01T00:00:00.000Z',
    to: '2026-01-01T00:00:00.000Z',
    journalSize: 10,
    dropped: 0
  },
  findings: [
    {
      rule: 'no-select',
      severity: 'info',
      tenant: 't',
      app: 'a|b',
      route: 'GET /beta/x',
      message: 'two\nlines | and a pipe',
      advice: 'use `$select`',
      count: 5,
      requestIds: ['r1', 'r2', 'r3', 'r4', 'r5']
    }
  ],
  permissions: [],
  unmatched: [{ tenant: 't', method: 'GET', path: '/nowhere', count: 1, requestIds: ['r9'], nearest: null }]
}

describe('reportMarkdown', () => {
  it('keeps every cell on its line, pipes escaped, and lists the first request ids', () => {
    const text = reportMarkdown(REPORT)
    expect(text).toContain(
      '| 🔵 info | `no-select` | t / a\\|b | `GET /beta/x` | two lines \\| and a pipe | use `$select` | 5: `r1`, `r2`, `r3`, … |'
    )
    expect(text).toContain('| t | `GET /nowhere` | — | nothing served is close | 1: `r9` |')
  })
})

describe('writeReportFile', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'graph-mock-report-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it.each([
    ['report.md', reportMarkdown(REPORT)],
    ['REPORT.Markdown', reportMarkdown(REPORT)],
    ['report.json', `${JSON.stringify(REPORT, null, 2)}\n`],
    ['report', `${JSON.stringify(REPORT, null, 2)}\n`]
  ])('writes %s, leaving no temporary file', async (name, expected) => {
    await writeReportFile(join(dir, name), REPORT)
    expect(await readFile(join(dir, name), 'utf8')).toBe(expected)
    expect(await readdir(dir)).toEqual([name])
  })

  it('fails without leaving a temporary file when the file cannot be replaced', async () => {
    // The folder itself as the file: the temporary file is written beside it, and the rename fails.
    await expect(writeReportFile(dir, REPORT)).rejects.toThrow()
    const temporary = (await readdir(tmpdir())).filter((name) => name.startsWith(`.${basename(dir)}.`))
    expect(temporary).toEqual([])
    await expect(writeReportFile(join(dir, 'missing', 'report.md'), REPORT)).rejects.toThrow()
  })
})

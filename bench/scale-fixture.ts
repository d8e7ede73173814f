import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const STATUSES = ['queued', 'inProgress', 'completed', 'completedWithErrors', 'canceled', 'failed']
const EXECUTION_TYPES = ['scheduled', 'onDemand']
const DAY_MS = 86_400_000

/** A deterministic UUID-shaped id for record `index`. */
export function scaleId(index: number): string {
  return `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`
}

function record(index: number) {
  const scheduled = Date.UTC(2026, 0, 1) + (index % 365) * DAY_MS + (index % 86_400) * 1000
  const status = STATUSES[index % STATUSES.length] ?? 'queued'
  const finished = status !== 'queued' && status !== 'inProgress'
  return {
    id: scaleId(index),
    completedDateTime: finished ? new Date(scheduled + 60_000).toISOString() : null,
    failedTasksCount: status === 'failed' ? 1 : 0,
    processingStatus: status,
    scheduledDateTime: new Date(scheduled).toISOString(),
    startedDateTime: status === 'queued' ? null : new Date(scheduled + 5_000).toISOString(),
    totalTasksCount: 3,
    totalUnprocessedTasksCount: finished ? 0 : 3,
    workflowExecutionType: EXECUTION_TYPES[index % EXECUTION_TYPES.length] ?? 'scheduled',
    workflowVersion: 1 + (index % 5),
    subject: { id: `11111111-0000-4000-8000-${String(index).padStart(12, '0')}` }
  }
}

/** Writes `count` valid records as one fixture file in a fresh temporary folder; `remove` deletes it. */
export async function writeScaleFixture(
  count: number
): Promise<{ file: string; remove: () => Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'glm-bench-'))
  const file = join(folder, 'user-processing-results.json')
  await writeFile(file, JSON.stringify(Array.from({ length: count }, (_, index) => record(index))))
  return { file, remove: () => rm(folder, { recursive: true, force: true }) }
}

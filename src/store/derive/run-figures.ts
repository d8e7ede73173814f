import { parseDateTimeOffset } from '../../model/date-time.js'
import type { Run, RunFigures, StoredRun } from '../../model/run.js'
import type { TaskProcessingResult } from '../../model/task-processing-result.js'
import type { UserProcessingResult } from '../../model/user-processing-result.js'
import { FINISHED } from './task-figures.js'

type Status = UserProcessingResult['processingStatus']

const SUCCESSFUL = new Set<Status>(['completed'])
const FAILED = new Set<Status>(['failed', 'completedWithErrors'])

/**
 * A run's status from its users' (Graph documents no rule; this is the mock's): still going while any user is
 * queued or in progress (queued only while all are), then canceling or quarantined if any user is, else the
 * common end when all ended alike, `completedWithErrors` when any failed, `completed` otherwise.
 */
export function runStatus(statuses: readonly Status[]): Status {
  const known = statuses.filter((status) => status !== 'unknownFutureValue')
  if (statuses.length === 0) return 'completed'
  if (known.length === 0) return 'unknownFutureValue'
  const any = (...wanted: Status[]) => known.some((status) => wanted.includes(status))
  const all = (status: Status) => known.every((each) => each === status)
  if (all('queued')) return 'queued'
  if (any('queued', 'inProgress')) return 'inProgress'
  if (any('canceling')) return 'canceling'
  if (any('quarantined')) return 'quarantined'
  for (const status of ['completed', 'canceled', 'failed'] as const) if (all(status)) return status
  return any('failed', 'completedWithErrors') ? 'completedWithErrors' : 'completed'
}

/** The figures of a run with these results: counts of users and tasks, and the status above. */
export function runFigures(results: readonly UserProcessingResult[]): RunFigures {
  const sum = (read: (result: UserProcessingResult) => number) =>
    results.reduce((total, result) => total + read(result), 0)
  return {
    failedTasksCount: sum((result) => result.failedTasksCount),
    failedUsersCount: results.filter((result) => FAILED.has(result.processingStatus)).length,
    processingStatus: runStatus(results.map((result) => result.processingStatus)),
    successfulUsersCount: results.filter((result) => SUCCESSFUL.has(result.processingStatus)).length,
    totalTasksCount: sum((result) => result.totalTasksCount),
    totalUnprocessedTasksCount: sum((result) => result.totalUnprocessedTasksCount),
    totalUsersCount: results.length
  }
}

/** The earliest or the latest of some date-times (as instants, so offsets and fraction digits count). */
export function extreme(
  values: readonly (string | null | undefined)[],
  pick: 'first' | 'last'
): string | null {
  let best: { text: string; ticks: bigint } | null = null
  for (const text of values) {
    const ticks = text == null ? undefined : parseDateTimeOffset(text)
    if (text == null || ticks === undefined) continue
    if (best === null || (pick === 'first' ? ticks < best.ticks : ticks > best.ticks)) best = { text, ticks }
  }
  return best?.text ?? null
}

/**
 * A run as Graph writes it, from what it keeps of its own and its results at the time of reading, so that its
 * figures never disagree with them. A date the run keeps wins, except that `completedDateTime` is null while
 * the run goes on and `lastUpdatedDateTime` moves with the latest change to a result or task result.
 */
export function deriveRun(
  run: StoredRun,
  results: readonly UserProcessingResult[],
  taskResults: readonly TaskProcessingResult[]
): Run {
  const figures = runFigures(results)
  const finished = FINISHED.has(figures.processingStatus)
  const completed =
    run.completedDateTime ??
    extreme(
      results.map((result) => result.completedDateTime),
      'last'
    )
  const activity = [...results, ...taskResults].flatMap((entry) => [
    entry.startedDateTime,
    entry.completedDateTime
  ])
  return {
    id: run.id,
    completedDateTime: finished ? completed : null,
    failedTasksCount: figures.failedTasksCount,
    failedUsersCount: figures.failedUsersCount,
    lastUpdatedDateTime: extreme([run.lastUpdatedDateTime, ...activity], 'last'),
    processingStatus: figures.processingStatus,
    scheduledDateTime: run.scheduledDateTime,
    startedDateTime:
      run.startedDateTime !== undefined
        ? run.startedDateTime
        : extreme(
            results.map((result) => result.startedDateTime),
            'first'
          ),
    successfulUsersCount: figures.successfulUsersCount,
    totalTasksCount: figures.totalTasksCount,
    totalUnprocessedTasksCount: figures.totalUnprocessedTasksCount,
    totalUsersCount: figures.totalUsersCount,
    workflowExecutionType: run.workflowExecutionType ?? results[0]?.workflowExecutionType ?? 'onDemand'
  }
}

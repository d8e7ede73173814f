import type { Run, RunSummary } from '../../model/run.js'
import { inWindow, type SummaryWindow } from '../odata/summary-params.js'
import { outcomeOf } from '../results/user-summary.js'

/**
 * `runSummary` over the runs whose `scheduledDateTime` lies in [start, end), as `summary` does for results:
 * runs that completed are successful, runs that failed or completed with errors failed; the task and user
 * totals add up the runs' own. Graph does not document these rules; they are the mock's.
 */
export function summarizeRuns(runs: readonly Run[], window: SummaryWindow): RunSummary {
  const summary: RunSummary = {
    failedRuns: 0,
    failedTasks: 0,
    successfulRuns: 0,
    totalRuns: 0,
    totalTasks: 0,
    totalUsers: 0
  }
  for (const run of runs) {
    if (!inWindow(run.scheduledDateTime, window)) continue
    summary.totalRuns++
    summary.totalTasks += run.totalTasksCount
    summary.failedTasks += run.failedTasksCount
    summary.totalUsers += run.totalUsersCount
    const outcome = outcomeOf(run.processingStatus)
    if (outcome === 'successful') summary.successfulRuns++
    if (outcome === 'failed') summary.failedRuns++
  }
  return summary
}

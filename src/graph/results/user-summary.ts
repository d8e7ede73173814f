import type { UserProcessingResult, UserSummary } from '../../model/user-processing-result.js'
import { inWindow, type SummaryWindow } from '../odata/summary-params.js'

/** How the summaries count a processing status: one rule for results and runs (the mock's, not Graph's). */
export function outcomeOf(processingStatus: string): 'successful' | 'failed' | 'other' {
  if (processingStatus === 'completed') return 'successful'
  return processingStatus === 'failed' || processingStatus === 'completedWithErrors' ? 'failed' : 'other'
}

/**
 * Totals over the results whose `scheduledDateTime` lies in [start, end): the one date-time every result
 * has, so each result counts in exactly one of a series of adjacent windows. Each result is one user's
 * processing. Successful: `completed`; failed: `failed` or `completedWithErrors`; others count only in
 * the totals. Graph does not document these rules; they are this mock's.
 */
export function summarize(results: readonly UserProcessingResult[], window: SummaryWindow): UserSummary {
  const summary: UserSummary = {
    failedTasks: 0,
    failedUsers: 0,
    successfulUsers: 0,
    totalTasks: 0,
    totalUsers: 0
  }
  for (const result of results) {
    if (!inWindow(result.scheduledDateTime, window)) continue
    summary.totalUsers++
    summary.totalTasks += result.totalTasksCount
    summary.failedTasks += result.failedTasksCount
    const outcome = outcomeOf(result.processingStatus)
    if (outcome === 'successful') summary.successfulUsers++
    if (outcome === 'failed') summary.failedUsers++
  }
  return summary
}

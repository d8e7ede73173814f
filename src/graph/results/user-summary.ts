import type { UserProcessingResult, UserSummary } from '../../model/user-processing-result.js'
import { inWindow, type SummaryWindow } from '../odata/summary-params.js'

const SUCCESSFUL = new Set(['completed'])
const FAILED = new Set(['failed', 'completedWithErrors'])

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
    if (SUCCESSFUL.has(result.processingStatus)) summary.successfulUsers++
    if (FAILED.has(result.processingStatus)) summary.failedUsers++
  }
  return summary
}

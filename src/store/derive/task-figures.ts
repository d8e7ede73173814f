import type { TaskProcessingResult } from '../../model/task-processing-result.js'
import type { UserProcessingResult } from '../../model/user-processing-result.js'

/** Statuses after which a task or a user's processing does not change any more. */
export const FINISHED = new Set(['completed', 'completedWithErrors', 'canceled', 'failed'])
const PROCESSED = new Set(['completed', 'completedWithErrors', 'failed'])

export type TaskFigures = Pick<
  UserProcessingResult,
  'totalTasksCount' | 'failedTasksCount' | 'totalUnprocessedTasksCount'
>

/**
 * A result's task counts as its task results give them: every task result is a task, `failed` ones failed,
 * and those that did not run to an end (queued, in progress, waiting on an extension, canceled) are unprocessed.
 */
export function taskFigures(taskResults: readonly TaskProcessingResult[]): TaskFigures {
  return {
    totalTasksCount: taskResults.length,
    failedTasksCount: taskResults.filter((task) => task.processingStatus === 'failed').length,
    totalUnprocessedTasksCount: taskResults.filter((task) => !PROCESSED.has(task.processingStatus)).length
  }
}

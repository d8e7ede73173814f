import { isCustomTaskExtensionTask, type Task } from '../../model/task.js'
import type { TaskProcessingResult } from '../../model/task-processing-result.js'
import type { UserProcessingResult } from '../../model/user-processing-result.js'
import type { ResultDetail } from '../world.js'

/** What a custom task extension reports through `resume`, and when the mock received it (UTC). */
export interface ResumeOutcome {
  operationStatus: 'completed' | 'failed'
  at: string
}

/** Why a task result cannot be resumed; nothing changes. */
export type ResumeRefusal =
  | { refused: 'not-found'; id: string }
  | { refused: 'not-custom-task'; taskResult: TaskProcessingResult; task: Task | undefined }
  | { refused: 'not-waiting'; taskResult: TaskProcessingResult }

export interface Resumed {
  result: UserProcessingResult
  detail: ResultDetail
}

export const EXTENSION_FAILURE = 'The custom task extension reported that the operation failed.'
const PENDING = new Set(['queued', 'inProgress'])

/**
 * Applies a custom task extension's report to its task result and to the result it belongs to: the task result
 * takes the outcome; the result counts one task less unprocessed (and one more failed); once no task is left
 * to run it ends, `completed` or `completedWithErrors`. A failed task that may not continue on error ends the
 * result as `failed` and cancels the tasks still queued, as Lifecycle Workflows stops a workflow there.
 * Only a task result in progress on a "Run a custom task extension" task is waiting for a report.
 */
export function applyResume(
  result: UserProcessingResult,
  detail: ResultDetail,
  tasks: readonly Task[],
  taskResultId: string,
  outcome: ResumeOutcome
): Resumed | ResumeRefusal {
  const target = detail.taskProcessingResults.find((taskResult) => taskResult.id === taskResultId)
  if (target === undefined) return { refused: 'not-found', id: taskResultId }
  const task = tasks.find((candidate) => candidate.id === target.taskId)
  if (task === undefined || !isCustomTaskExtensionTask(task)) {
    return { refused: 'not-custom-task', taskResult: target, task }
  }
  if (target.processingStatus !== 'inProgress') return { refused: 'not-waiting', taskResult: target }

  const failed = outcome.operationStatus === 'failed'
  const stops = failed && !task.continueOnError
  const taskResults = detail.taskProcessingResults.map((taskResult): TaskProcessingResult => {
    if (taskResult === target) {
      return {
        ...taskResult,
        processingStatus: outcome.operationStatus,
        startedDateTime: taskResult.startedDateTime ?? outcome.at,
        completedDateTime: outcome.at,
        failureReason: failed ? EXTENSION_FAILURE : null
      }
    }
    return stops && taskResult.processingStatus === 'queued'
      ? { ...taskResult, processingStatus: 'canceled' }
      : taskResult
  })
  const failedTasksCount = result.failedTasksCount + (failed ? 1 : 0)
  const next: UserProcessingResult = {
    ...result,
    failedTasksCount,
    totalUnprocessedTasksCount: Math.max(0, result.totalUnprocessedTasksCount - 1)
  }
  const ends = stops || !taskResults.some((taskResult) => PENDING.has(taskResult.processingStatus))
  if (ends) {
    next.processingStatus = stops ? 'failed' : failedTasksCount > 0 ? 'completedWithErrors' : 'completed'
    next.completedDateTime = outcome.at
  }
  return { result: next, detail: { ...detail, taskProcessingResults: taskResults } }
}

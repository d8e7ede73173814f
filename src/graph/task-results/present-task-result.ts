import { ProcessingStatusType, visibleMember } from '../../model/enums.js'
import type { View } from '../http/api-version.js'
import { presentUser } from '../results/present-user.js'
import type { TaskResultRow } from '../tree/tree-reader.js'
import { presentTask } from '../workflows/present-task.js'

/**
 * A task result as Graph writes it: `id`, its own properties, then `subject` (its result's, as `{ "id" }`
 * unless expanded) and `task` (the whole task, as in every Graph example).
 */
export function presentTaskResult(
  { taskResult, task, result }: TaskResultRow,
  view: View,
  expand: readonly string[]
) {
  const { subject } = result
  return {
    id: taskResult.id,
    completedDateTime: taskResult.completedDateTime,
    createdDateTime: taskResult.createdDateTime,
    failureReason: taskResult.failureReason,
    processingStatus: visibleMember(
      ProcessingStatusType,
      taskResult.processingStatus,
      view.version,
      view.includeUnknownEnumMembers
    ),
    startedDateTime: taskResult.startedDateTime,
    ...(subject === undefined
      ? {}
      : { subject: expand.includes('subject') ? presentUser(subject) : { id: subject.id } }),
    ...(task === undefined ? {} : { task: presentTask(task, view) })
  }
}

export type PresentedTaskResult = ReturnType<typeof presentTaskResult>

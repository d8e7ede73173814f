import { ExecutionTypeType, ProcessingStatusType, visibleMember } from '../../model/enums.js'
import type { UserProcessingResult } from '../../model/user-processing-result.js'
import type { View } from '../http/api-version.js'

/**
 * A stored record as Graph writes it: properties in Graph's order, enum members the client cannot know (a
 * member its version lacks, an evolvable one without the Prefer header) as `unknownFutureValue`, and the
 * subject inline as its id alone.
 */
export function presentResult(record: UserProcessingResult, view: View) {
  const { version, includeUnknownEnumMembers: unknown } = view
  return {
    id: record.id,
    completedDateTime: record.completedDateTime,
    failedTasksCount: record.failedTasksCount,
    processingStatus: visibleMember(ProcessingStatusType, record.processingStatus, version, unknown),
    scheduledDateTime: record.scheduledDateTime,
    startedDateTime: record.startedDateTime,
    totalTasksCount: record.totalTasksCount,
    totalUnprocessedTasksCount: record.totalUnprocessedTasksCount,
    workflowExecutionType: visibleMember(ExecutionTypeType, record.workflowExecutionType, version, unknown),
    workflowVersion: record.workflowVersion,
    ...(record.subject === undefined ? {} : { subject: { id: record.subject.id } })
  }
}

export type PresentedResult = ReturnType<typeof presentResult>

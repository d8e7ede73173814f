import { isEvolvableMember, UNKNOWN_FUTURE_VALUE } from '../../model/enums.js'
import type { UserProcessingResult } from '../../model/user-processing-result.js'

/**
 * A stored record as Graph writes it: properties in Graph's order, and evolvable enum members hidden behind
 * `unknownFutureValue` unless the client asked for them.
 */
export function presentResult(record: UserProcessingResult, includeUnknownEnumMembers: boolean) {
  const visible = (value: string) =>
    includeUnknownEnumMembers || !isEvolvableMember(value) ? value : UNKNOWN_FUTURE_VALUE
  return {
    id: record.id,
    completedDateTime: record.completedDateTime,
    failedTasksCount: record.failedTasksCount,
    processingStatus: visible(record.processingStatus),
    scheduledDateTime: record.scheduledDateTime,
    startedDateTime: record.startedDateTime,
    totalTasksCount: record.totalTasksCount,
    totalUnprocessedTasksCount: record.totalUnprocessedTasksCount,
    workflowExecutionType: visible(record.workflowExecutionType),
    workflowVersion: record.workflowVersion,
    ...(record.subject === undefined ? {} : { subject: { id: record.subject.id } })
  }
}

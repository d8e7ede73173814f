import { ExecutionTypeType, ProcessingStatusType, visibleMember } from '../../model/enums.js'
import type { Run } from '../../model/run.js'
import type { View } from '../http/api-version.js'

/** A derived run with the enum members the client cannot know shown as `unknownFutureValue`. */
export function presentRun(run: Run, view: View): Run {
  const { version, includeUnknownEnumMembers: unknown } = view
  return {
    ...run,
    processingStatus: visibleMember(
      ProcessingStatusType,
      run.processingStatus,
      version,
      unknown
    ) as Run['processingStatus'],
    workflowExecutionType: visibleMember(
      ExecutionTypeType,
      run.workflowExecutionType,
      version,
      unknown
    ) as Run['workflowExecutionType']
  }
}

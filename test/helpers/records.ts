import type { UserProcessingResult } from '../../src/graph/schemas/user-processing-result.js'

/** A valid stored record (the Graph docs' example values) with the given id and changes. */
export function makeRecord(id: string, overrides: Partial<UserProcessingResult> = {}): UserProcessingResult {
  return {
    id,
    completedDateTime: '2022-08-24T23:28:11.1348863Z',
    failedTasksCount: 0,
    processingStatus: 'completed',
    scheduledDateTime: '2022-08-24T23:28:01.6476554Z',
    startedDateTime: '2022-08-24T23:28:04.490313Z',
    totalTasksCount: 2,
    totalUnprocessedTasksCount: 0,
    workflowExecutionType: 'onDemand',
    workflowVersion: 1,
    subject: { id: `user-${id}` },
    ...overrides
  }
}

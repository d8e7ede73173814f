import { ODataQueryError } from '../../src/graph/odata/query-error.js'
import type { UserProcessingResult } from '../../src/model/user-processing-result.js'

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

/** A small, varied collection: nulls, 7-digit fractions that differ below a millisecond, several enums. */
export const results: UserProcessingResult[] = [
  makeRecord('a', { processingStatus: 'completed', completedDateTime: '2022-08-24T10:00:00.0000001Z' }),
  makeRecord('b', { processingStatus: 'failed', completedDateTime: '2022-08-24T10:00:00.0000002Z' }),
  makeRecord('c', {
    processingStatus: 'inProgress',
    completedDateTime: null,
    startedDateTime: '2022-08-24T09:00:00Z'
  }),
  makeRecord('d', {
    processingStatus: 'queued',
    completedDateTime: null,
    startedDateTime: null,
    workflowExecutionType: 'scheduled'
  }),
  makeRecord("o'brien", { processingStatus: 'canceling', completedDateTime: '2022-08-24T12:00:00+02:00' })
]

export const ids = (items: readonly { id: string }[]) => items.map((item) => item.id)

/** The ODataQueryError that `run` throws; fails the test if it throws nothing or something else. */
export function odataError(run: () => unknown): ODataQueryError {
  try {
    run()
  } catch (error) {
    if (error instanceof ODataQueryError) return error
    throw error
  }
  throw new Error('expected an ODataQueryError, but nothing was thrown')
}

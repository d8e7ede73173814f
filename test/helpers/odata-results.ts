import { ODataQueryError } from '../../src/graph/odata/query-error.js'
import type { PresentedResult } from '../../src/graph/result-query-table.js'
import { makeRecord as makeResult } from './records.js'

export { makeResult }

/** A small, varied collection: nulls, 7-digit fractions that differ below a millisecond, several enums. */
export const results: PresentedResult[] = [
  makeResult('a', { processingStatus: 'completed', completedDateTime: '2022-08-24T10:00:00.0000001Z' }),
  makeResult('b', { processingStatus: 'failed', completedDateTime: '2022-08-24T10:00:00.0000002Z' }),
  makeResult('c', {
    processingStatus: 'inProgress',
    completedDateTime: null,
    startedDateTime: '2022-08-24T09:00:00Z'
  }),
  makeResult('d', {
    processingStatus: 'queued',
    completedDateTime: null,
    startedDateTime: null,
    workflowExecutionType: 'scheduled'
  }),
  makeResult("o'brien", { processingStatus: 'canceling', completedDateTime: '2022-08-24T12:00:00+02:00' })
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

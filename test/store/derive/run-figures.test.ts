import { describe, expect, it } from 'vitest'
import { deriveRun, extreme, runFigures, runStatus } from '../../../src/store/derive/run-figures.js'
import { taskFigures } from '../../../src/store/derive/task-figures.js'
import { makeRecord } from '../../helpers/odata.js'
import { makeTaskResult } from '../../helpers/world.js'

describe('runStatus', () => {
  it.each([
    [[], 'completed'],
    [['queued', 'queued'], 'queued'],
    [['queued', 'completed'], 'inProgress'],
    [['inProgress', 'failed'], 'inProgress'],
    [['canceling', 'completed'], 'canceling'],
    [['quarantined', 'completed'], 'quarantined'],
    [['completed', 'completed'], 'completed'],
    [['canceled', 'canceled'], 'canceled'],
    [['failed', 'failed'], 'failed'],
    [['failed', 'completed'], 'completedWithErrors'],
    [['completedWithErrors', 'completed'], 'completedWithErrors'],
    [['canceled', 'completed'], 'completed'],
    [['unknownFutureValue'], 'unknownFutureValue'],
    [['unknownFutureValue', 'failed'], 'failed']
  ] as const)('%j -> %s', (statuses, expected) => {
    expect(runStatus(statuses)).toBe(expected)
  })
})

describe('runFigures and deriveRun', () => {
  const results = [
    makeRecord('a', { totalTasksCount: 2 }),
    makeRecord('b', {
      processingStatus: 'completedWithErrors',
      failedTasksCount: 1,
      totalTasksCount: 3,
      completedDateTime: '2022-08-24T23:30:00Z'
    }),
    makeRecord('c', { processingStatus: 'failed', totalTasksCount: 1, totalUnprocessedTasksCount: 1 })
  ]

  it('counts users and adds up tasks', () => {
    expect(runFigures(results)).toEqual({
      failedTasksCount: 1,
      failedUsersCount: 2,
      processingStatus: 'completedWithErrors',
      successfulUsersCount: 1,
      totalTasksCount: 6,
      totalUnprocessedTasksCount: 1,
      totalUsersCount: 3
    })
  })

  it('takes dates from the results unless the run keeps its own, and clears completedDateTime while it runs', () => {
    const run = { id: 'r', userProcessingResultIds: [], scheduledDateTime: '2022-08-24T23:00:00Z' }
    const taskResults = [
      makeTaskResult('x', 't', 'completed', {
        startedDateTime: '2022-08-24T23:59:00Z',
        completedDateTime: '2022-08-25T00:00:00Z'
      })
    ]
    expect(deriveRun(run, results, taskResults)).toMatchObject({
      completedDateTime: '2022-08-24T23:30:00Z',
      startedDateTime: '2022-08-24T23:28:04.490313Z',
      lastUpdatedDateTime: '2022-08-25T00:00:00Z',
      workflowExecutionType: 'onDemand'
    })
    const kept = {
      ...run,
      startedDateTime: null,
      completedDateTime: '2022-08-26T00:00:00Z',
      workflowExecutionType: 'scheduled' as const
    }
    expect(deriveRun(kept, results, [])).toMatchObject({
      completedDateTime: '2022-08-26T00:00:00Z',
      startedDateTime: null,
      workflowExecutionType: 'scheduled'
    })
    const running = [...results, makeRecord('d', { processingStatus: 'inProgress', completedDateTime: null })]
    expect(deriveRun(kept, running, []).completedDateTime).toBeNull()
  })

  it('orders date-times as instants, offsets and fraction digits included', () => {
    expect(extreme(['2022-08-24T23:28:01Z', '2022-08-24T23:28:01.5Z', null], 'last')).toBe(
      '2022-08-24T23:28:01.5Z'
    )
    expect(extreme(['2022-08-24T23:28:01Z', '2022-08-24T23:28:01+01:00'], 'first')).toBe(
      '2022-08-24T23:28:01+01:00'
    )
    expect(extreme([undefined, null], 'first')).toBeNull()
  })
})

describe('taskFigures', () => {
  it('counts every task, the failed ones, and those that did not run to an end as unprocessed', () => {
    const statuses = [
      'completed',
      'failed',
      'inProgress',
      'queued',
      'canceled',
      'completedWithErrors'
    ] as const
    const tasks = statuses.map((status, index) => makeTaskResult(`t${index}`, 't', status))
    expect(taskFigures(tasks)).toEqual({
      totalTasksCount: 6,
      failedTasksCount: 1,
      totalUnprocessedTasksCount: 3
    })
  })
})

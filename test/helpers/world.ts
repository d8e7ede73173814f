import { CUSTOM_TASK_EXTENSION_DEFINITION_ID, type Task } from '../../src/model/task.js'
import type { TaskProcessingResult } from '../../src/model/task-processing-result.js'
import type { UserProcessingResult } from '../../src/model/user-processing-result.js'
import { defaultWorkflow, type StoredWorkflow, type World } from '../../src/store/world.js'
import { makeRecord } from './odata.js'

/** A task of a test workflow; `custom` makes it a "Run a custom task extension" task. */
export function makeTask(id: string, sequence: number, overrides: Partial<Task> = {}): Task {
  return {
    id,
    arguments: [],
    category: 'joiner',
    continueOnError: false,
    description: null,
    displayName: `Task ${id}`,
    executionSequence: sequence,
    isEnabled: true,
    taskDefinitionId: '6fc52c9d-398b-4305-9763-15f42c1676fc',
    ...overrides
  }
}

export const customTask = (id: string, sequence: number, overrides: Partial<Task> = {}) =>
  makeTask(id, sequence, { taskDefinitionId: CUSTOM_TASK_EXTENSION_DEFINITION_ID, ...overrides })

export function makeTaskResult(
  id: string,
  taskId: string,
  processingStatus: TaskProcessingResult['processingStatus'],
  overrides: Partial<TaskProcessingResult> = {}
): TaskProcessingResult {
  const done = ['completed', 'failed'].includes(processingStatus)
  return {
    id,
    taskId,
    completedDateTime: done ? '2026-11-28T10:00:09Z' : null,
    createdDateTime: '2026-11-28T10:00:01Z',
    failureReason: processingStatus === 'failed' ? 'It failed.' : null,
    processingStatus,
    startedDateTime: processingStatus === 'queued' ? null : '2026-11-28T10:00:02Z',
    ...overrides
  }
}

/**
 * A small world: workflow `w` with tasks t1 (built-in), t2 (custom extension) and t3 (built-in, after it), run
 * `r` with results `wait` (t1 done, t2 waiting, t3 queued) and `last` (t1 done, t2 waiting: the last task),
 * and result `done` (all completed) outside the run.
 */
export function smallWorld(): World {
  const tasks = [makeTask('t1', 1), customTask('t2', 2), makeTask('t3', 3)]
  const inProgress = { processingStatus: 'inProgress', completedDateTime: null } as const
  const results: UserProcessingResult[] = [
    makeRecord('wait', { ...inProgress, totalTasksCount: 3, totalUnprocessedTasksCount: 2 }),
    makeRecord('last', { ...inProgress, totalTasksCount: 2, totalUnprocessedTasksCount: 1 }),
    makeRecord('done', { totalTasksCount: 1 })
  ]
  const workflow: StoredWorkflow = {
    ...defaultWorkflow(),
    workflow: { ...defaultWorkflow().workflow, id: 'w', displayName: 'Small' },
    tasks,
    runs: [{ id: 'r', userProcessingResultIds: ['wait', 'last'], scheduledDateTime: '2022-08-24T23:28:01Z' }],
    resultIds: ['wait', 'last', 'done']
  }
  return {
    workflows: [workflow],
    results,
    details: new Map([
      [
        'wait',
        {
          taskProcessingResults: [
            makeTaskResult('wait-1', 't1', 'completed'),
            makeTaskResult('wait-2', 't2', 'inProgress'),
            makeTaskResult('wait-3', 't3', 'queued')
          ],
          reprocessedRunIds: []
        }
      ],
      [
        'last',
        {
          taskProcessingResults: [
            makeTaskResult('last-1', 't1', 'completed'),
            makeTaskResult('last-2', 't2', 'inProgress')
          ],
          reprocessedRunIds: ['r']
        }
      ],
      [
        'done',
        { taskProcessingResults: [makeTaskResult('done-1', 't1', 'completed')], reprocessedRunIds: [] }
      ]
    ])
  }
}

/** A world of one workflow `id` (no tasks, no runs) that holds the given results. */
export function worldOf(id: string, results: UserProcessingResult[]): World {
  const base = defaultWorkflow()
  return {
    workflows: [
      { ...base, workflow: { ...base.workflow, id }, resultIds: results.map((result) => result.id) }
    ],
    results,
    details: new Map()
  }
}

/** Workflow `w` with one result `big` waiting on `count` custom task extensions that may continue on error. */
export function waitingOn(count: number): World {
  const tasks = Array.from({ length: count }, (_, index) =>
    customTask(`t${index}`, index + 1, { continueOnError: true })
  )
  const taskResults = tasks.map((task) => makeTaskResult(`${task.id}-r`, task.id, 'inProgress'))
  const big = makeRecord('big', {
    processingStatus: 'inProgress',
    completedDateTime: null,
    totalTasksCount: count,
    totalUnprocessedTasksCount: count,
    failedTasksCount: 0
  })
  const base = defaultWorkflow()
  return {
    workflows: [{ ...base, workflow: { ...base.workflow, id: 'w' }, tasks, resultIds: ['big'] }],
    results: [big, makeRecord('other')],
    details: new Map([['big', { taskProcessingResults: taskResults, reprocessedRunIds: [] }]])
  }
}

import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CUSTOM_TASK_EXTENSION_DEFINITION_ID } from '../../../src/model/task.js'
import { FixtureError, loadSeed } from '../../../src/store/seed/load-fixtures.js'
import { fixtureOf, readWorld } from '../../../src/store/seed/world-fixture.js'
import { makeRecord } from '../../helpers/odata.js'

let folder: string
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'world-fixtures-'))
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

const task = (
  id: string,
  executionSequence: number,
  taskDefinitionId = '6fc52c9d-398b-4305-9763-15f42c1676fc'
) => ({
  id,
  category: 'joiner',
  displayName: `Task ${id}`,
  executionSequence,
  taskDefinitionId
})
const taskResult = (id: string, taskId: string, processingStatus: string) => ({
  id,
  taskId,
  processingStatus,
  createdDateTime: '2026-11-28T10:00:01+01:00'
})

/** A workflow with two tasks, one run and one result whose two task results agree with its counts. */
function workflow(overrides: Record<string, unknown> = {}) {
  return {
    id: 'w',
    displayName: 'Offboarding',
    category: 'leaver',
    tasks: [task('t1', 1), task('t2', 2, CUSTOM_TASK_EXTENSION_DEFINITION_ID)],
    runs: [{ id: 'r', userProcessingResultIds: ['a'], totalUsersCount: 1, processingStatus: 'inProgress' }],
    userProcessingResults: [
      {
        ...makeRecord('a', {
          processingStatus: 'inProgress',
          completedDateTime: null,
          totalUnprocessedTasksCount: 1
        }),
        taskProcessingResults: [taskResult('a1', 't1', 'completed'), taskResult('a2', 't2', 'inProgress')]
      }
    ],
    ...overrides
  }
}

async function load(content: unknown) {
  const file = join(folder, 'w.json')
  await writeFile(file, JSON.stringify(content))
  return { file, seed: () => loadSeed(file) }
}

async function problem(content: unknown): Promise<string> {
  const { file, seed } = await load(content)
  const error = await seed().catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(FixtureError)
  return (error as FixtureError).message.replaceAll(`'${file}'`, 'FILE')
}

describe('a workflow with tasks, runs and task results', () => {
  it('loads the whole tree, with defaults for what it leaves out and date-times in UTC', async () => {
    const world = await (await load({ workflows: [workflow()] })).seed()
    const [stored] = world.workflows
    expect(stored?.workflow).toMatchObject({
      id: 'w',
      category: 'leaver',
      displayName: 'Offboarding',
      description: null,
      isEnabled: true,
      isSchedulingEnabled: false,
      version: 1,
      executionConditions: { '@odata.type': '#microsoft.graph.identityGovernance.onDemandExecutionOnly' }
    })
    expect(stored?.tasks[0]).toEqual({
      ...task('t1', 1),
      arguments: [],
      continueOnError: false,
      description: null,
      isEnabled: true
    })
    expect(stored?.runs).toEqual([
      { id: 'r', userProcessingResultIds: ['a'], scheduledDateTime: '2022-08-24T23:28:01.6476554Z' }
    ])
    expect(world.details.get('a')?.taskProcessingResults[1]).toEqual({
      id: 'a2',
      taskId: 't2',
      processingStatus: 'inProgress',
      createdDateTime: '2026-11-28T09:00:01Z',
      startedDateTime: null,
      completedDateTime: null,
      failureReason: null
    })
  })

  it('reads back what fixtureOf writes', async () => {
    const world = await (await load({ workflows: [workflow()] })).seed()
    const again = readWorld(fixtureOf(world), 'body')
    expect(again.workflows).toEqual(world.workflows)
    expect(again.results).toEqual(world.results)
    expect(again.details.get('a')).toEqual(world.details.get('a'))
  })

  it.each([
    [
      'a result count that its task results contradict',
      workflow({
        userProcessingResults: [
          {
            ...makeRecord('a', { totalTasksCount: 3 }),
            taskProcessingResults: [taskResult('a1', 't1', 'completed')]
          }
        ],
        runs: []
      }),
      "FILE workflows[0].userProcessingResults[0]: 'totalTasksCount' is 3 but its taskProcessingResults give 1."
    ],
    [
      'a failed count that its task results contradict',
      workflow({
        userProcessingResults: [
          {
            ...makeRecord('a', { totalTasksCount: 1 }),
            taskProcessingResults: [taskResult('a1', 't1', 'failed')]
          }
        ],
        runs: []
      }),
      "workflows[0].userProcessingResults[0]: 'failedTasksCount' is 0 but its taskProcessingResults give 1."
    ],
    [
      'a stated run figure that its results contradict',
      workflow({ runs: [{ id: 'r', userProcessingResultIds: ['a'], totalUsersCount: 2 }] }),
      "FILE workflows[0].runs[0]: 'totalUsersCount' is 2 but its userProcessingResults give 1."
    ],
    [
      'a stated run status that its results contradict',
      workflow({ runs: [{ id: 'r', userProcessingResultIds: ['a'], processingStatus: 'completed' }] }),
      `'processingStatus' is "completed" but its userProcessingResults give "inProgress"`
    ],
    [
      'a run completed while its results go on',
      workflow({
        runs: [{ id: 'r', userProcessingResultIds: ['a'], completedDateTime: '2026-11-28T10:00:00Z' }]
      }),
      "workflows[0].runs[0]: 'completedDateTime' is set but its userProcessingResults are still inProgress."
    ],
    [
      'a run without results or scheduledDateTime',
      workflow({ runs: [{ id: 'r', userProcessingResultIds: [] }] }),
      "workflows[0].runs[0]: 'scheduledDateTime' is required for a run without userProcessingResults."
    ],
    [
      'a task result of a task the workflow does not have',
      workflow({ tasks: [task('t1', 1)] }),
      "workflows[0].userProcessingResults[0].taskProcessingResults[1]: 'taskId' t2 is not a task of workflow w."
    ],
    [
      'a task id used twice',
      workflow({ tasks: [task('t1', 1), task('t1', 2)] }),
      'workflows[0].tasks[1]: task id t1 is used twice in workflow w.'
    ],
    [
      'a task result id used twice',
      workflow({
        userProcessingResults: [
          {
            ...makeRecord('a', { totalTasksCount: 2 }),
            taskProcessingResults: [taskResult('x', 't1', 'completed'), taskResult('x', 't2', 'completed')]
          }
        ],
        runs: []
      }),
      "workflows[0].userProcessingResults[0].taskProcessingResults[1]: 'id' x is already used by FILE"
    ],
    [
      'a reprocessed run that is not a run of the workflow',
      workflow({
        userProcessingResults: [{ ...makeRecord('a'), reprocessedRunIds: ['elsewhere'] }],
        runs: []
      }),
      "workflows[0].userProcessingResults[0]: 'reprocessedRunIds' names elsewhere, which is not a run of workflow w."
    ],
    [
      'a scheduled workflow that is disabled',
      workflow({ isEnabled: false, isSchedulingEnabled: true }),
      "workflows[0]: 'isSchedulingEnabled' is true but a disabled workflow cannot be scheduled."
    ],
    [
      'a task with an unknown category',
      workflow({ tasks: [{ ...task('t1', 1), category: 'joiner,sometimes' }] }),
      '\'workflows[0].tasks[0].category\' has the invalid value "joiner,sometimes" (expected microsoft.graph.identityGovernance.lifecycleTaskCategory)'
    ],
    [
      'execution conditions of an unknown kind',
      workflow({ executionConditions: { '@odata.type': '#microsoft.graph.identityGovernance.someday' } }),
      "'workflows[0].executionConditions'"
    ]
  ])('stops at %s, naming the file, the record and the field', async (_name, content, message) => {
    expect(await problem({ workflows: [content] })).toContain(message)
  })

  it('takes a result listed without task results as given', async () => {
    const content = workflow({ userProcessingResults: [makeRecord('a', { totalTasksCount: 9 })], runs: [] })
    const world = await (await load({ workflows: [content] })).seed()
    expect(world.results[0]?.totalTasksCount).toBe(9)
    expect(world.details.has('a')).toBe(false)
  })
})

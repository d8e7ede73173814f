import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorOf } from '../../helpers/graph-server.js'
import { body, buildLcwApp, call, lcw, WORLD } from '../../helpers/lcw.js'

let app: FastifyInstance
beforeAll(async () => {
  ;({ app } = await buildLcwApp())
})
afterAll(async () => {
  await app.close()
})

const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await call(app, `${lcw()}${path}`, { headers })
  return {
    status: response.statusCode,
    json: String(response.headers['content-type']).includes('json') ? body(response) : {},
    response
  }
}
const ids = (json: { value?: Record<string, unknown>[] }) => json.value?.map((item) => item.id)
const LIVE = [WORLD.workflow, '156ce798-1eb6-4e0a-8515-e79f54d04390', WORLD.offboarding]

describe('GET workflows', () => {
  it("lists the live workflows as Graph's list example writes them", async () => {
    const { status, json } = await get('/workflows')
    expect(status).toBe(200)
    expect(json['@odata.context']).toBe(
      'http://localhost:80/beta/$metadata#identityGovernance/lifecycleWorkflows/workflows'
    )
    expect(ids(json)).toEqual(LIVE)
    expect(Object.keys(json.value?.[0] ?? {})).toEqual([
      'id',
      'category',
      'createdDateTime',
      'description',
      'displayName',
      'isEnabled',
      'isSchedulingEnabled',
      'lastModifiedDateTime',
      'version'
    ])
  })

  it('writes what $select names, and navigations $expand names', async () => {
    const { json } = await get(
      '/workflows?$select=id,executionConditions,nextScheduleRunDateTime&$expand=tasks,createdBy'
    )
    expect(json['@odata.context']).toContain('/workflows(id,executionConditions,nextScheduleRunDateTime)')
    const [first] = json.value ?? []
    expect(Object.keys(first ?? {})).toEqual([
      'id',
      'executionConditions',
      'nextScheduleRunDateTime',
      'createdBy',
      'tasks@odata.context',
      'tasks'
    ])
    expect(first?.createdBy).toEqual({ id: 'a698128f-b34f-44db-a9f9-7661c7aba8d8' })
  })

  it.each([
    ["$filter=category eq 'leaver'", [WORLD.offboarding]],
    ['$filter=isSchedulingEnabled eq false', ['156ce798-1eb6-4e0a-8515-e79f54d04390']],
    ['$filter=version ge 5', [WORLD.workflow, '156ce798-1eb6-4e0a-8515-e79f54d04390']],
    ["$filter=displayName eq 'Offboard Sales employee'", [WORLD.offboarding]],
    ['$filter=createdDateTime gt 2026-01-01T00:00:00Z', [WORLD.offboarding]],
    ['$orderby=version desc', ['156ce798-1eb6-4e0a-8515-e79f54d04390', WORLD.workflow, WORLD.offboarding]],
    ['$orderby=displayName', [WORLD.offboarding, WORLD.workflow, '156ce798-1eb6-4e0a-8515-e79f54d04390']]
  ])('%s', async (query, expected) => {
    const { status, json } = await get(`/workflows?${query}`)
    expect(status).toBe(200)
    expect(ids(json)).toEqual(expected)
  })

  it.each([
    [
      '$filter=createdDateTime le 2026-01-01T00:00:00Z',
      "the operator 'le' is not allowed on 'createdDateTime'; use lt, gt"
    ],
    ["$filter=category eq 'mover'", "'Prefer: include-unknown-enum-members'"],
    ['$filter=version eq 5.5', "'version' is Edm.Int32 and cannot be compared with the number 5.5"],
    ["$filter=isEnabled eq 'yes'", "'isEnabled' is Edm.Boolean and cannot be compared with the string 'yes'"],
    ['$orderby=category', "the property 'category' cannot be used in $orderby"],
    ['$expand=runs', "'runs' cannot be expanded; only createdBy, lastModifiedBy, tasks can"],
    [
      '$select=color',
      "Could not find a property named 'color' on type 'microsoft.graph.identityGovernance.workflow'"
    ],
    ['$skip=1', 'not supported']
  ])('refuses %s with a Graph 400', async (query, message) => {
    const { status, response } = await get(`/workflows?${query}`)
    expect(status).toBe(400)
    expect(errorOf(response).message).toContain(message)
  })

  it('accepts a member after unknownFutureValue with Prefer: include-unknown-enum-members', async () => {
    const { status, json } = await get("/workflows?$filter=category eq 'mover'", {
      prefer: 'include-unknown-enum-members'
    })
    expect(status).toBe(200)
    expect(json.value).toEqual([])
  })

  it('pages with $top and nextLink, counts with $count', async () => {
    const first = await get('/workflows?$top=2&$count=true')
    expect(first.json['@odata.count']).toBe(3)
    expect(ids(first.json)).toEqual(LIVE.slice(0, 2))
    const next = new URL(String(first.json['@odata.nextLink']))
    const second = await get(`/workflows${next.search}`)
    expect(ids(second.json)).toEqual(LIVE.slice(2))
    expect(second.json['@odata.nextLink']).toBeUndefined()
    expect((await get("/workflows/$count?$filter=category eq 'joiner'")).response.body).toBe('2')
  })
})

describe('GET workflows/{id}', () => {
  it('writes the workflow with its tasks, createdBy and lastModifiedBy, as Graph\'s "Get workflow"', async () => {
    const { json } = await get(`/workflows/${WORLD.offboarding}`)
    expect(json['@odata.context']).toBe(
      'http://localhost:80/beta/$metadata#identityGovernance/lifecycleWorkflows/workflows/$entity'
    )
    expect(json).toMatchObject({
      id: WORLD.offboarding,
      category: 'leaver',
      deletedDateTime: null,
      executionConditions: {
        '@odata.type': '#microsoft.graph.identityGovernance.triggerAndScopeBasedConditions',
        trigger: { timeBasedAttribute: 'employeeLeaveDateTime', offsetInDays: 0 }
      },
      createdBy: { id: 'a698128f-b34f-44db-a9f9-7661c7aba8d8' },
      'tasks@odata.context': `http://localhost:80/beta/$metadata#identityGovernance/lifecycleWorkflows/workflows('${WORLD.offboarding}')/tasks`
    })
    expect((json.tasks as { displayName: string }[]).map((task) => task.displayName)).toEqual([
      'Disable User Account',
      'Remove User From All Groups',
      'Run a Custom Task Extension'
    ])
  })

  it('leaves the navigations out under $select, naming the selection in the context', async () => {
    const { json } = await get(`/workflows/${WORLD.offboarding}?$select=id,displayName`)
    expect(json).toEqual({
      '@odata.context':
        'http://localhost:80/beta/$metadata#identityGovernance/lifecycleWorkflows/workflows(id,displayName)/$entity',
      id: WORLD.offboarding,
      displayName: 'Offboard Sales employee'
    })
  })

  it('keeps the tasks with their context when $select names them', async () => {
    const { json } = await get(`/workflows/${WORLD.offboarding}?$select=id,tasks`)
    expect(Object.keys(json)).toEqual(['@odata.context', 'id', 'tasks@odata.context', 'tasks'])
  })

  it.each([
    [`/workflows/nope`, 'nope'],
    [`/workflows/${WORLD.deletedWorkflow}`, WORLD.deletedWorkflow],
    [`/deletedItems/workflows/${WORLD.workflow}`, WORLD.workflow],
    [`/workflows/nope/runs`, 'nope'],
    [`/deletedItems/workflows/${WORLD.workflow}/tasks`, WORLD.workflow]
  ])("%s is Graph's 404 naming %s", async (path, id) => {
    const { status, response } = await get(path)
    expect(status).toBe(404)
    expect(errorOf(response)).toMatchObject({
      code: 'ResourceNotFound',
      message: expect.stringContaining(`'${id}'`)
    })
  })
})

describe('deletedItems/workflows', () => {
  it('lists deleted workflows with deletedDateTime, and serves the tree below them', async () => {
    const { json } = await get('/deletedItems/workflows')
    expect(json['@odata.context']).toContain('#identityGovernance/lifecycleWorkflows/deletedItems/workflows')
    expect(json.value).toEqual([
      expect.objectContaining({ id: WORLD.deletedWorkflow, deletedDateTime: '2022-08-24T18:25:09.5729865Z' })
    ])
    const runs = await get(`/deletedItems/workflows/${WORLD.deletedWorkflow}/runs`)
    expect(runs.json['@odata.context']).toContain(`deletedItems/workflows('${WORLD.deletedWorkflow}')/runs`)
    expect(runs.json.value?.[0]).toMatchObject({ processingStatus: 'completed', totalUsersCount: 1 })
  })
})

describe('tasks', () => {
  const TASKS = `/workflows/${WORLD.workflow}/tasks`
  it('lists and gets tasks with $filter, $orderby and $select', async () => {
    const all = await get(TASKS)
    expect(all.json['@odata.context']).toContain(`workflows('${WORLD.workflow}')/tasks`)
    expect(all.json.value).toHaveLength(6)
    const ordered = await get(`${TASKS}?$orderby=executionSequence desc&$select=displayName&$top=1`)
    expect(ordered.json.value).toEqual([{ displayName: 'Run a Custom Task Extension' }])
    const filtered = await get(`${TASKS}?$filter=taskDefinitionId eq '4262b724-8dba-4fad-afc3-43fcbb497a0e'`)
    expect(filtered.json.value?.map((task) => task.displayName)).toEqual(['Run a Custom Task Extension'])
    const one = await get(`${TASKS}/${WORLD.task}`)
    expect(one.json).toMatchObject({
      displayName: 'Enable User Account',
      category: 'joiner,leaver',
      arguments: []
    })
    expect(one.json['@odata.context']).toContain(`workflows('${WORLD.workflow}')/tasks/$entity`)
  })

  it('refuses what Graph does not offer on tasks', async () => {
    expect((await get(`${TASKS}?$filter=executionSequence eq 1`)).status).toBe(400)
    expect((await get(`${TASKS}?$expand=taskProcessingResults`)).status).toBe(400)
    expect((await get(`${TASKS}/nope`)).status).toBe(404)
  })
})

describe('executionScope', () => {
  it('lists the results a scheduled, trigger-based workflow still targets', async () => {
    const { json } = await get(`/workflows/${WORLD.workflow}/executionScope`)
    expect(json['@odata.context']).toContain(`workflows('${WORLD.workflow}')/executionScope`)
    expect(ids(json)).toEqual([WORLD.queuedResult, WORLD.busyResult])
    const item = await get(
      `/workflows/${WORLD.workflow}/executionScope/${WORLD.queuedResult}?$expand=taskProcessingResults`
    )
    expect(item.json.taskProcessingResults).toHaveLength(3)
    expect((await get(`/workflows/${WORLD.workflow}/executionScope/${WORLD.result}`)).status).toBe(404)
  })

  it('is empty for a workflow that is not scheduled', async () => {
    const { json } = await get('/workflows/156ce798-1eb6-4e0a-8515-e79f54d04390/executionScope')
    expect(json.value).toEqual([])
  })
})

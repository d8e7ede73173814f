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

const W = `/workflows/${WORLD.workflow}`
const TASK_RESULTS = `${W}/userProcessingResults/${WORLD.result}/taskProcessingResults`
const get = async (path: string) => {
  const response = await call(app, `${lcw()}${path}`)
  return { status: response.statusCode, json: body(response), response }
}
const ids = (json: { value?: Record<string, unknown>[] }) => json.value?.map((item) => item.id)

describe('taskProcessingResults', () => {
  it("lists a result's task results with subject and task inline, as Graph's example", async () => {
    const { json } = await get(TASK_RESULTS)
    expect(json['@odata.context']).toBe(
      `http://localhost:80/beta/$metadata#identityGovernance/lifecycleWorkflows/workflows('${WORLD.workflow}')/userProcessingResults('${WORLD.result}')/taskProcessingResults`
    )
    expect(json.value?.[0]).toEqual({
      id: WORLD.taskResult,
      completedDateTime: '2022-08-24T23:28:05.3529197Z',
      createdDateTime: '2022-08-24T23:28:04.5490995Z',
      failureReason: null,
      processingStatus: 'completed',
      startedDateTime: '2022-08-24T23:28:05.1234966Z',
      subject: { id: 'ea09ac2e-77e3-4134-85f2-25ccf3c33387' },
      task: expect.objectContaining({
        id: WORLD.task,
        displayName: 'Enable User Account',
        category: 'joiner,leaver'
      })
    })
    expect(ids(json)).toEqual([WORLD.taskResult, 'e30b12e1-45fa-4463-8d54-48f43fd8942a'])
  })

  it('expands the subject, selects and filters', async () => {
    const expanded = await get(`${TASK_RESULTS}/${WORLD.taskResult}?$expand=subject&$select=id`)
    expect(expanded.json).toMatchObject({
      id: WORLD.taskResult,
      subject: {
        id: 'ea09ac2e-77e3-4134-85f2-25ccf3c33387',
        displayName: 'Adele Vance',
        mail: 'AdeleV@contoso.com'
      }
    })
    expect(expanded.json.task).toBeUndefined()
    const late = await get(`${TASK_RESULTS}?$filter=completedDateTime gt 2022-08-24T23:28:06Z&$select=id`)
    expect(late.json.value).toEqual([{ id: 'e30b12e1-45fa-4463-8d54-48f43fd8942a' }])
    const bySubject = await get(
      `${TASK_RESULTS}/$count?$filter=subject/id eq 'ea09ac2e-77e3-4134-85f2-25ccf3c33387'`
    )
    expect(bySubject.response.body).toBe('2')
    expect((await get(`${TASK_RESULTS}?$filter=processingStatus eq 'completed'`)).status).toBe(400)
    expect((await get(`${TASK_RESULTS}?$expand=workflowSubject`)).status).toBe(400)
  })

  it('is listed below a run (all its results) and below a task (that task across results)', async () => {
    const run = await get(`${W}/runs/${WORLD.run}/taskProcessingResults?$count=true`)
    expect(run.json['@odata.count']).toBe(4)
    const task = await get(`${W}/tasks/${WORLD.task}/taskProcessingResults?$select=id`)
    expect(task.json['@odata.context']).toContain(
      `workflows('${WORLD.workflow}')/tasks('${WORLD.task}')/taskProcessingResults`
    )
    expect(task.json.value?.length).toBe(9)
  })

  it('serves the subject and the task of a task result', async () => {
    const subject = await get(`${TASK_RESULTS}/${WORLD.taskResult}/subject?$select=displayName`)
    expect(subject.json).toEqual({
      '@odata.context': 'http://localhost:80/beta/$metadata#users(displayName)/$entity',
      displayName: 'Adele Vance'
    })
    const task = await get(`${TASK_RESULTS}/${WORLD.taskResult}/task`)
    expect(task.json).toMatchObject({
      id: WORLD.task,
      taskDefinitionId: '6fc52c9d-398b-4305-9763-15f42c1676fc'
    })
    expect(task.json['@odata.context']).toContain(`workflows('${WORLD.workflow}')/tasks/$entity`)
  })

  it.each([
    [`${TASK_RESULTS}/nope`, 'nope'],
    [`${W}/userProcessingResults/nope/taskProcessingResults`, 'nope'],
    [`${W}/runs/nope/taskProcessingResults`, 'nope'],
    [`${W}/tasks/nope/taskProcessingResults`, 'nope'],
    [
      `${W}/runs/${WORLD.run}/userProcessingResults/${WORLD.queuedResult}/taskProcessingResults`,
      WORLD.queuedResult
    ]
  ])('%s is a 404 naming %s', async (path, id) => {
    const { status, response } = await get(path)
    expect(status).toBe(404)
    expect(errorOf(response).message).toContain(`'${id}'`)
  })
})

describe('results with what $expand asks for', () => {
  it('expands taskProcessingResults and subject on the list and on an item', async () => {
    const list = await get(`${W}/userProcessingResults?$expand=taskProcessingResults&$select=id&$top=1`)
    expect(list.json.value?.[0]).toEqual({
      id: WORLD.result,
      taskProcessingResults: [expect.objectContaining({ id: WORLD.taskResult }), expect.anything()]
    })
    const item = await get(`${W}/userProcessingResults/${WORLD.result}?$expand=subject`)
    expect(item.json.subject).toMatchObject({ displayName: 'Adele Vance', department: 'Marketing' })
    const plain = await get(`${W}/userProcessingResults/${WORLD.result}`)
    expect(plain.json.subject).toEqual({ id: 'ea09ac2e-77e3-4134-85f2-25ccf3c33387' })
  })

  it('serves the subject of a result as the user, with the properties the fixture gives it', async () => {
    const { json } = await get(`${W}/userProcessingResults/${WORLD.result}/subject`)
    expect(json).toEqual({
      '@odata.context': 'http://localhost:80/beta/$metadata#users/$entity',
      id: 'ea09ac2e-77e3-4134-85f2-25ccf3c33387',
      department: 'Marketing',
      displayName: 'Adele Vance',
      employeeHireDate: '2022-08-24T00:00:00Z',
      mail: 'AdeleV@contoso.com',
      userPrincipalName: 'AdeleV@contoso.com'
    })
    expect((await get(`${W}/userProcessingResults/${WORLD.result}/subject?$select=color`)).status).toBe(400)
  })
})

import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, DOC_ID as DOC_RESULT, SEED_PATH, validBody } from '../../helpers/graph-server.js'
import {
  buildWorkflowApp,
  get,
  LCW,
  OTHER_WORKFLOW,
  RUN,
  runResults,
  WORKFLOW,
  workflowResults
} from '../../helpers/workflows.js'

const RUN_RESULTS = [DOC_RESULT, '16db611b-2518-48cf-89c0-3763abf8d0ab']
const OTHER_RESULT = 'e831ffea-4156-482a-ba43-a8161f83efa8'
const OTHER_RESULTS = [
  OTHER_RESULT,
  'c1fab0b4-222d-4bdf-ab09-eb99fc5a8061',
  '0481a153-f437-45f0-b07c-ebe1008f10c5'
]
// app.inject() sends Host: localhost:80.
const ORIGIN = 'http://localhost:80'
const METADATA = `${ORIGIN}/beta/$metadata#identityGovernance/lifecycleWorkflows`
const ids = (json: { value: { id: string }[] }) => json.value.map((entity) => entity.id)

let app: FastifyInstance

beforeEach(async () => {
  ;({ app } = await buildWorkflowApp())
})

afterEach(async () => {
  await app.close()
})

describe('collections', () => {
  it("list a workflow's results, as Graph shapes them", async () => {
    const { status, json, response } = await get(app, workflowResults(OTHER_WORKFLOW))
    expect(status).toBe(200)
    expect(response.headers['content-type']).toContain('application/json;odata.metadata=minimal')
    expect(response.headers['odata-version']).toBe('4.0')
    expect(json['@odata.context']).toBe(`${METADATA}/workflows('${OTHER_WORKFLOW}')/userProcessingResults`)
    expect(ids(json)).toEqual(OTHER_RESULTS)
    expect(json).not.toHaveProperty('@odata.count')
    expect(json).not.toHaveProperty('@odata.nextLink')
    expect(json.value[0]).not.toHaveProperty('@odata.type')
    expect(json.value[0]).toEqual({
      id: OTHER_RESULT,
      completedDateTime: '2022-08-24T18:27:43.1283747Z',
      failedTasksCount: 1,
      processingStatus: 'failed',
      scheduledDateTime: '2022-08-24T18:27:28.4105696Z',
      startedDateTime: '2022-08-24T18:27:34.47941Z',
      totalTasksCount: 3,
      totalUnprocessedTasksCount: 2,
      workflowExecutionType: 'onDemand',
      workflowVersion: 1,
      subject: { id: 'b276ff04-835d-414c-a2a7-5c59e37cccc9' }
    })
  })

  it("list only a run's results under the run", async () => {
    const { status, json } = await get(app, runResults())
    expect(status).toBe(200)
    expect(json['@odata.context']).toBe(
      `${METADATA}/workflows('${WORKFLOW}')/runs('${RUN}')/userProcessingResults`
    )
    expect(ids(json)).toEqual(RUN_RESULTS)
  })

  it('hide evolvable enum members unless the client opts in', async () => {
    const canceling = '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9ca3'
    const hidden = (await get(app, `${workflowResults()}?$filter=id eq '${canceling}'`)).json.value[0]
    expect([hidden.processingStatus, hidden.workflowExecutionType]).toEqual([
      'unknownFutureValue',
      'unknownFutureValue'
    ])
    const shown = (
      await get(app, `${workflowResults()}?$filter=id eq '${canceling}'`, {
        headers: { prefer: 'include-unknown-enum-members' }
      })
    ).json.value[0]
    expect([shown.processingStatus, shown.workflowExecutionType]).toEqual(['canceling', 'activatedWithScope'])
  })

  it('use the origin the request came to in @odata.context', async () => {
    const { json } = await get(app, runResults(), { headers: { host: 'mock.example:8443' } })
    expect(json['@odata.context']).toMatch(/^http:\/\/mock\.example:8443\/beta\/\$metadata#/)
  })
})

describe('single results', () => {
  it('are read through their workflow and through their run', async () => {
    const scopes: [string, string][] = [
      [`${workflowResults()}/${DOC_RESULT}`, `workflows('${WORKFLOW}')`],
      [`${runResults()}/${DOC_RESULT}`, `workflows('${WORKFLOW}')/runs('${RUN}')`]
    ]
    for (const [url, scope] of scopes) {
      const { status, json } = await get(app, url)
      expect(status).toBe(200)
      expect(json['@odata.context']).toBe(`${METADATA}/${scope}/userProcessingResults/$entity`)
      expect(json).not.toHaveProperty('@odata.type')
      expect(json).toMatchObject({ id: DOC_RESULT, subject: { id: 'ea09ac2e-77e3-4134-85f2-25ccf3c33387' } })
    }
  })

  it('honour $select, in the context URL too', async () => {
    const select = 'id,failedTasksCount,processingStatus,totalTasksCount,totalUnprocessedTasksCount,subject'
    const { json } = await get(app, `${runResults()}/${DOC_RESULT}?$select=${select}`)
    expect(json['@odata.context']).toBe(
      `${METADATA}/workflows('${WORKFLOW}')/runs('${RUN}')/userProcessingResults(${select})/$entity`
    )
    expect(json).toEqual({
      '@odata.context': json['@odata.context'],
      id: DOC_RESULT,
      failedTasksCount: 0,
      processingStatus: 'completed',
      totalTasksCount: 2,
      totalUnprocessedTasksCount: 0,
      subject: { id: 'ea09ac2e-77e3-4134-85f2-25ccf3c33387' }
    })
  })

  it('refuse collection options', async () => {
    const { status, json } = await get(app, `${workflowResults()}/${DOC_RESULT}?$filter=id eq 'x'`)
    expect(status).toBe(400)
    expect(json.error.message).toBe("Query option '$filter' can be applied only to a collection.")
  })
})

describe('not found', () => {
  it.each([
    ['an unknown workflow', `${workflowResults('nope-workflow')}`, 'nope-workflow'],
    ['an unknown workflow, on an item', `${workflowResults('nope-workflow')}/${DOC_RESULT}`, 'nope-workflow'],
    ['an unknown workflow, on $count', `${workflowResults('nope-workflow')}/$count`, 'nope-workflow'],
    ['an unknown run', runResults(WORKFLOW, 'nope-run'), 'nope-run'],
    ['a run of another workflow', runResults(OTHER_WORKFLOW, RUN), RUN],
    ['an unknown result', `${workflowResults()}/nope-result`, 'nope-result'],
    ["another workflow's result", `${workflowResults()}/${OTHER_RESULT}`, OTHER_RESULT],
    [
      'a result outside the run',
      `${runResults()}/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f`,
      '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f'
    ]
  ])('is a 404 naming the id for %s', async (_, url, id) => {
    const { status, json } = await get(app, url)
    expect(status).toBe(404)
    expect(json.error.code).toBe('ResourceNotFound')
    expect(json.error.message).toBe(
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`
    )
  })
})

describe('$count', () => {
  it('answers the size of the collection as plain text', async () => {
    const { status, body, response } = await get(app, `${workflowResults()}/$count`)
    expect(status).toBe(200)
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(body).toBe(String((await get(app, workflowResults())).json.value.length))
    expect((await get(app, `${runResults()}/$count`)).body).toBe('2')
  })

  it('honours $filter and agrees with @odata.count', async () => {
    const filter = "$filter=processingStatus eq 'completed' or completedDateTime eq null"
    const counted = await get(app, `${workflowResults()}/$count?${filter}`)
    const listed = await get(app, `${workflowResults()}?${filter}&$count=true`)
    expect(Number(counted.body)).toBe(listed.json['@odata.count'])
    expect(listed.json['@odata.count']).toBe(listed.json.value.length)
    expect(counted.body).toBe('6')
  })
})

describe('methods and permissions', () => {
  it.each(['POST', 'PATCH', 'PUT', 'DELETE'] as const)(
    'answers %s with 405 and Allow: GET',
    async (method) => {
      for (const url of [workflowResults(), `${workflowResults()}/${DOC_RESULT}`, `${runResults()}/$count`]) {
        const before = (await get(app, workflowResults())).json.value
        const response = await app.inject({
          method,
          url,
          headers: { authorization: bearer(), 'content-type': 'application/json' },
          payload: JSON.stringify({ processingStatus: 'failed' })
        })
        expect(response.statusCode).toBe(405)
        expect(response.headers.allow).toBe('GET')
        expect(response.json().error.code).toBe('Request_BadRequest')
        expect((await get(app, workflowResults())).json.value).toEqual(before)
      }
    }
  )

  it.each([
    'LifecycleWorkflows-Reports.Read.All',
    'LifecycleWorkflows.Read.All',
    'LifecycleWorkflows.ReadWrite.All'
  ])('lets %s read', async (permission) => {
    const authorization = bearer({ roles: [permission] })
    for (const url of [workflowResults(), `${runResults()}/$count`, `${runResults()}/${DOC_RESULT}`]) {
      const { status } = await get(app, url, { headers: { authorization } })
      expect(status).toBe(200)
    }
  })

  it('refuses other permissions and missing tokens', async () => {
    const other = await get(app, workflowResults(), {
      headers: { authorization: bearer({ scopes: ['User.Read.All'] }) }
    })
    expect(other.status).toBe(403)
    expect(other.json.error.message).toContain('LifecycleWorkflows-Reports.Read.All')
    const none = await app.inject({ method: 'GET', url: workflowResults() })
    expect(none.statusCode).toBe(401)
  })

  it('answers a segment Graph does not have below the workflows with Graph 400', async () => {
    const { status, json } = await get(app, `${LCW}/workflows/${WORKFLOW}/colors`)
    expect(status).toBe(400)
    expect(json.error.message).toBe("Resource not found for the segment 'colors'.")
  })
})

describe('the seed PATCH path', () => {
  it('changes what the read paths show at once', async () => {
    const patch = await app.inject({
      method: 'PATCH',
      url: SEED_PATH,
      headers: { authorization: bearer(), 'content-type': 'application/json' },
      payload: validBody({ processingStatus: 'failed', failedTasksCount: 2 })
    })
    expect(patch.statusCode).toBe(200)
    const item = await get(app, `${runResults()}/${DOC_RESULT}`)
    expect(item.json).toMatchObject({ processingStatus: 'failed', failedTasksCount: 2 })
    const failed = await get(app, `${runResults()}?$filter=processingStatus eq 'failed'`)
    expect(ids(failed.json)).toEqual([DOC_RESULT])
  })
})

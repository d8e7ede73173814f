import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_BATCH_REQUESTS } from '../../../src/model/batch.js'
import {
  type BatchServer,
  batchServer,
  expectSameAnswer,
  type InnerRequest,
  responsesOf
} from '../../helpers/batch.js'
import { journal } from '../../helpers/control.js'
import { bearer, DOC_ID, errorOf, validBody } from '../../helpers/graph-server.js'
import { RUN, WORKFLOW } from '../../helpers/workflows.js'

const SEED = `/workflowBase/userProcessingResults/${DOC_ID}`
const WORKFLOW_RESULTS = `/identityGovernance/lifecycleWorkflows/workflows/${WORKFLOW}/userProcessingResults`
const RUN_RESULTS = `/identityGovernance/lifecycleWorkflows/workflows/${WORKFLOW}/runs/${RUN}/userProcessingResults`
const JSON_HEADERS = { 'Content-Type': 'application/json' }

const getOf = (id: string, url: string, extra: Partial<InnerRequest> = {}): InnerRequest => ({
  id,
  method: 'GET',
  url,
  ...extra
})
const patchOf = (id: string, body: unknown, extra: Partial<InnerRequest> = {}): InnerRequest => ({
  id,
  method: 'PATCH',
  url: SEED,
  headers: JSON_HEADERS,
  body,
  ...extra
})

let server: BatchServer
beforeEach(async () => {
  server = await batchServer()
})
afterEach(async () => {
  await server.app.close()
})

describe('POST /beta/$batch: each request answered as it is alone', () => {
  it('answers a batch of reads in the array order, each exactly as the same request sent alone', async () => {
    const requests = [
      getOf('seed', SEED),
      getOf('page', `${WORKFLOW_RESULTS}?$select=id,processingStatus&$top=2&$count=true`),
      getOf('run', `${RUN_RESULTS}?$filter=processingStatus eq 'completed'&$orderby=scheduledDateTime desc`),
      getOf('count', `${WORKFLOW_RESULTS}/$count`),
      getOf(
        'summary',
        `${WORKFLOW_RESULTS}/summary(startDateTime=2022-07-20T00:00:00Z,endDateTime=2022-09-01T00:00:00Z)`
      ),
      getOf('no-slash', SEED.slice(1)),
      getOf('missing', '/workflowBase/userProcessingResults/no-such-id'),
      getOf('bad-query', `${WORKFLOW_RESULTS}?$top=abc`),
      getOf('unknown', '/users'),
      getOf('method', SEED, { method: 'DELETE' })
    ]
    const items = responsesOf(await server.batch({ requests }))
    expect(items.map((item) => item.id)).toEqual(requests.map((request) => request.id))
    for (const [index, request] of requests.entries())
      expectSameAnswer(items[index], await server.alone(request))
    expect(items.map((item) => item.status)).toEqual([200, 200, 200, 200, 200, 200, 404, 400, 400, 405])
    expect(items[0]?.headers).toEqual({
      'Cache-Control': 'no-cache',
      'Content-Type':
        'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
      'OData-Version': '4.0'
    })
    expect(items[1]?.body).toMatchObject({ '@odata.count': 10, '@odata.nextLink': expect.any(String) })
    expect(items[3]).toMatchObject({ status: 200, body: '10' })
    expect(items[9]?.headers.Allow).toBe('GET, PATCH')
  })

  it('answers a url with the version in it the way Graph does, as an unknown segment', async () => {
    const [item] = responsesOf(await server.batch({ requests: [getOf('1', `/beta${SEED}`)] }))
    expect(item).toMatchObject({
      status: 400,
      body: { error: { message: "Resource not found for the segment 'beta'." } }
    })
  })

  it('PATCHes, then reads the change back through dependsOn', async () => {
    const body = validBody({ workflowVersion: 42 })
    const items = responsesOf(
      await server.batch({
        requests: [patchOf('write', body), getOf('read', SEED, { dependsOn: ['write'] })]
      })
    )
    expect(items.map((item) => item.status)).toEqual([200, 200])
    expect(items[0]?.body).toMatchObject({ id: DOC_ID, workflowVersion: 42 })
    expect(items[1]?.body).toEqual(items[0]?.body)
    expect((await server.snapshot()).find((record) => record.id === DOC_ID)?.workflowVersion).toBe(42)
  })

  it('answers 424 for the requests after a failed one in a chain, and runs the others of a parallel batch', async () => {
    const before = await server.snapshot()
    const invalid = validBody({ failedTasksCount: 'many' })
    const chain = responsesOf(
      await server.batch({
        requests: [
          patchOf('bad', invalid),
          getOf('after', SEED, { dependsOn: ['bad'] }),
          getOf('last', SEED, { dependsOn: ['after'] })
        ]
      })
    )
    expect(chain.map((item) => item.status)).toEqual([400, 424, 424])
    expect(chain[2]).toMatchObject({
      headers: { 'Content-Type': 'application/json' },
      body: { error: { code: 'FailedDependency', message: expect.stringContaining('request Id after') } }
    })
    expect(await server.snapshot()).toEqual(before)
    const parallel = responsesOf(
      await server.batch({ requests: [patchOf('bad', invalid), getOf('other', SEED)] })
    )
    expect(parallel.map((item) => item.status)).toEqual([400, 200])
  })

  it('runs requests that all depend on the first one once it succeeded', async () => {
    const items = responsesOf(
      await server.batch({
        requests: [
          patchOf('w', validBody({ workflowVersion: 5 })),
          getOf('a', SEED, { dependsOn: ['W'] }),
          getOf('b', `${WORKFLOW_RESULTS}/${DOC_ID}`, { dependsOn: ['w'] })
        ]
      })
    )
    expect(items.map((item) => item.status)).toEqual([200, 200, 200])
    expect(items[2]?.body).toMatchObject({ workflowVersion: 5 })
  })

  it('answers a nested batch with a 400 in its place, without running what it holds', async () => {
    const before = await server.snapshot()
    const nested = { requests: [patchOf('inner', validBody({ workflowVersion: 99 }))] }
    const items = responsesOf(
      await server.batch({
        requests: [{ id: 'n', method: 'POST', url: '/$batch', headers: JSON_HEADERS, body: nested }]
      })
    )
    expect(items[0]).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'BadRequest',
          message: 'Request Id n is a batch request: batch requests cannot be nested.'
        }
      }
    })
    expect(await server.snapshot()).toEqual(before)
  })

  it('keeps an inner url inside the version: /../ is an unknown segment, not the control API', async () => {
    await server.alone(patchOf('w', validBody({ workflowVersion: 8 })))
    const after = await server.snapshot()
    const items = responsesOf(
      await server.batch({
        requests: [{ id: 'r', method: 'POST', url: '/../_mock/reset', headers: JSON_HEADERS, body: {} }]
      })
    )
    expect(items[0]).toMatchObject({
      status: 400,
      body: { error: { message: "Resource not found for the segment '..'." } }
    })
    expect(await server.snapshot()).toEqual(after)
  })
})

describe('POST /beta/$batch: what Graph refuses as a whole', () => {
  const twentyOne = Array.from({ length: MAX_BATCH_REQUESTS + 1 }, (_, index) => getOf(String(index), SEED))
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
  const write = patchOf('w', validBody({ workflowVersion: 77 }))

  it.each<[string, unknown, string]>([
    ['no requests', {}, 'Invalid batch payload format.'],
    [
      'an absolute url',
      { requests: [write, getOf('a', `https://graph.microsoft.com/beta${SEED}`)] },
      'Invalid batch payload format.'
    ],
    [
      'an unknown method',
      { requests: [write, getOf('h', SEED, { method: 'OPTIONS' })] },
      'Invalid batch payload format.'
    ],
    [
      'more than 20 requests',
      { requests: [write, ...twentyOne.slice(1)] },
      'Number of requests inside batch exceeds the limit.'
    ],
    ['an id twice', { requests: [write, getOf('W', SEED)] }, 'Request Id W has to be unique in a batch.'],
    [
      'a write without Content-Type',
      { requests: [write, patchOf('p', {}, { headers: {} })] },
      'Write request id : p does not contain Content-Type header or body.'
    ],
    [
      'a dependency on an unknown id',
      { requests: [write, getOf('g', SEED, { dependsOn: ['x'] })] },
      "Invalid dependency for request Id g: 'x' is not the id of a request before it in the batch."
    ],
    [
      'a dependency on a later request',
      { requests: [{ ...write, dependsOn: ['g'] }, getOf('g', SEED)] },
      "Invalid dependency for request Id w: 'g' is not the id of a request before it in the batch."
    ],
    [
      'a mix of parallel and serial',
      { requests: [write, getOf('a', SEED), getOf('b', SEED, { dependsOn: ['w'] })] },
      'Batch should be either fully sequential or fully parallel.'
    ],
    [
      'unreadable JSON',
      '{"requests": [',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.'
    ],
    [
      'a body too deep to send on',
      `{"requests":[${JSON.stringify(write).slice(0, -1)}},{"id":"d","method":"PATCH","url":"/x","headers":{"content-type":"application/json"},"body":${deep}}]}`,
      'Invalid batch payload format.'
    ]
  ])(
    '%s: 400, nothing runs, the store is unchanged and only the batch is journaled',
    async (_case, body, message) => {
      const before = await server.snapshot()
      const response = await server.batch(body)
      expect(response.statusCode).toBe(400)
      expect(response.headers['content-type']).toMatch(/^application\/json/)
      expect(errorOf(response)).toMatchObject({ code: 'BadRequest', message })
      expect(await server.snapshot()).toEqual(before)
      expect((await journal(server.app)).map((entry) => entry.path)).toEqual(['/beta/$batch'])
    }
  )

  it('wants a JSON Content-Type on the batch itself, like any Graph write', async () => {
    const body = { requests: [getOf('1', SEED)] }
    const missing = await server.batch(body, { 'content-type': '' })
    expect(missing.statusCode).toBe(400)
    expect(errorOf(missing).message).toBe(
      'Write requests (excluding DELETE) must contain the Content-Type header declaration.'
    )
    expect((await server.batch(body, { 'content-type': 'text/plain' })).statusCode).toBe(415)
  })

  it('answers other methods on $batch with 405 and Allow: POST', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/beta/$batch',
      headers: { authorization: bearer() }
    })
    expect(response.statusCode).toBe(405)
    expect(response.headers.allow).toBe('POST')
  })
})

describe('POST /v1.0/$batch', () => {
  it("runs each request in v1.0, where the seed's draft path does not exist", async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1.0/$batch',
      headers: { authorization: bearer(), 'content-type': 'application/json' },
      payload: { requests: [getOf('results', WORKFLOW_RESULTS), getOf('seed', SEED)] }
    })
    expect(response.statusCode).toBe(200)
    const [results, seed] = responsesOf(response)
    expect(results?.status).toBe(200)
    expect((results?.body as { '@odata.context': string } | undefined)?.['@odata.context']).toContain(
      '/v1.0/$metadata#'
    )
    expect(seed?.status).toBe(400)
    expect(errorOf({ json: () => seed?.body }).message).toBe(
      "Resource not found for the segment 'workflowBase'."
    )
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  bearer,
  DOC_ID,
  SEED_PATH,
  type TestServer,
  testServer,
  validBody
} from '../../helpers/graph-server.js'

let server: TestServer
beforeEach(async () => {
  server = await testServer()
})
afterEach(async () => {
  await server.app.close()
})

const ODATA_JSON =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8'

describe('PATCH /beta/workflowBase/userProcessingResults/{id}', () => {
  it('answers 200 with the whole updated entity in Graph’s order', async () => {
    const response = await server.patch(validBody())
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe(ODATA_JSON)
    expect(response.headers['odata-version']).toBe('4.0')
    expect(response.json()).toEqual({
      '@odata.type': '#microsoft.graph.identityGovernance.userProcessingResult',
      id: DOC_ID,
      ...validBody(),
      subject: { id: 'ea09ac2e-77e3-4134-85f2-25ccf3c33387' }
    })
    expect(Object.keys(response.json())).toEqual([
      '@odata.type',
      'id',
      'completedDateTime',
      'failedTasksCount',
      'processingStatus',
      'scheduledDateTime',
      'startedDateTime',
      'totalTasksCount',
      'totalUnprocessedTasksCount',
      'workflowExecutionType',
      'workflowVersion',
      'subject'
    ])
  })

  it('is visible to a following GET and leaves the other records alone', async () => {
    const before = await server.snapshot()
    await server.patch(validBody({ workflowVersion: 99 }))
    const read = await server.app.inject({
      method: 'GET',
      url: SEED_PATH,
      headers: { authorization: bearer() }
    })
    expect(read.statusCode).toBe(200)
    expect(read.json()).toMatchObject({ id: DOC_ID, workflowVersion: 99 })
    const after = await server.snapshot()
    expect(after.filter((record) => record.id !== DOC_ID)).toEqual(
      before.filter((record) => record.id !== DOC_ID)
    )
  })

  it('accepts the path in any case and with a trailing slash', async () => {
    const url = `/BETA/WorkflowBase/UserProcessingResults/${DOC_ID}/`
    expect((await server.patch(validBody(), { url })).statusCode).toBe(200)
  })

  it('accepts a JSON Content-Type with parameters', async () => {
    const headers = { 'content-type': 'application/json; charset=utf-8; odata.metadata=minimal' }
    expect((await server.patch(validBody(), { headers })).statusCode).toBe(200)
  })
})

describe('GET /beta/workflowBase/userProcessingResults/{id}', () => {
  it('answers the fixture record as Graph writes it', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: SEED_PATH,
      headers: { authorization: bearer() }
    })
    expect(response.json()).toEqual({
      '@odata.type': '#microsoft.graph.identityGovernance.userProcessingResult',
      id: DOC_ID,
      completedDateTime: '2022-08-24T23:28:11.1348863Z',
      failedTasksCount: 0,
      processingStatus: 'completed',
      scheduledDateTime: '2022-08-24T23:28:01.6476554Z',
      startedDateTime: '2022-08-24T23:28:04.490313Z',
      totalTasksCount: 2,
      totalUnprocessedTasksCount: 0,
      workflowExecutionType: 'onDemand',
      workflowVersion: 1,
      subject: { id: 'ea09ac2e-77e3-4134-85f2-25ccf3c33387' }
    })
  })
})

describe('headers (SPEC §6)', () => {
  it('puts Graph’s headers on every answer, success or error', async () => {
    for (const response of [
      await server.patch(validBody()),
      await server.patch(validBody(), { headers: { authorization: '' } }),
      await server.app.inject({ method: 'GET', url: '/nowhere' }),
      await server.app.inject({ method: 'GET', url: '/_mock/health' })
    ]) {
      expect(response.headers['request-id']).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
      )
      expect(response.headers['client-request-id']).toBe(response.headers['request-id'])
      expect(new Date(String(response.headers.date)).getTime()).not.toBeNaN()
      expect(response.headers['cache-control']).toBe('no-cache')
      expect(JSON.parse(String(response.headers['x-ms-ags-diagnostic'])).ServerInfo.DataCenter).toBe(
        'graph-lifecycle-mock'
      )
    }
  })

  it('gives each request a fresh request-id and echoes the client’s client-request-id', async () => {
    const first = await server.patch(validBody(), { headers: { 'client-request-id': 'my-id-1' } })
    const second = await server.patch(validBody())
    expect(first.headers['client-request-id']).toBe('my-id-1')
    expect(first.headers['request-id']).not.toBe(second.headers['request-id'])
  })

  it('answers CORS preflights and exposes the headers to a browser', async () => {
    const preflight = await server.app.inject({
      method: 'OPTIONS',
      url: SEED_PATH,
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization, content-type, client-request-id'
      }
    })
    expect(preflight.statusCode).toBe(204)
    expect(preflight.headers['access-control-allow-origin']).toBe('*')
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('PATCH')
    expect(preflight.headers['access-control-allow-headers']).toBe(
      'authorization, content-type, client-request-id'
    )
    const actual = await server.patch(validBody(), { headers: { origin: 'http://localhost:5173' } })
    expect(actual.headers['access-control-allow-origin']).toBe('*')
    expect(String(actual.headers['access-control-expose-headers'])).toContain('request-id')
    const noOrigin = await server.patch(validBody())
    expect(noOrigin.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('GET /_mock/health and /_mock/ready', () => {
  it('need no token, and name the in-memory backend', async () => {
    const health = await server.app.inject({ method: 'GET', url: '/_mock/health' })
    expect(health.statusCode).toBe(200)
    expect(health.json()).toEqual({ status: 'ok', backend: 'memory' })
    const ready = await server.app.inject({ method: 'GET', url: '/_mock/ready' })
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toEqual({ ready: true })
  })
})

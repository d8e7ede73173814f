import { afterEach, describe, expect, it } from 'vitest'
import type { Config } from '../../../src/config.js'
import { mintToken } from '../../../src/model/token.js'
import { DEFAULT_TENANT } from '../../../src/store/result-store.js'
import {
  type BatchServer,
  batchServer,
  expectSameAnswer,
  type InnerRequest,
  responsesOf
} from '../../helpers/batch.js'
import { control, journal } from '../../helpers/control.js'
import { bearer, DOC_ID, errorOf, READ, validBody, WRITE } from '../../helpers/graph-server.js'

const SEED = `/workflowBase/userProcessingResults/${DOC_ID}`
const get: InnerRequest = { id: 'get', method: 'GET', url: SEED }
const patch = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) => ({
  id: 'patch',
  method: 'PATCH',
  url: SEED,
  headers,
  body
})

function tokenWith(claims: Record<string, unknown>): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const now = Math.floor(Date.now() / 1000)
  return `Bearer ${encode({ alg: 'none' })}.${encode({ aud: 'https://graph.microsoft.com', exp: now + 600, ...claims })}.`
}

let server: BatchServer
async function start(config: Partial<Config> = {}): Promise<BatchServer> {
  server = await batchServer(config)
  return server
}
afterEach(async () => {
  await server.app.close()
})

describe('the batch token: checked once on the batch, then per request and route', () => {
  it.each([
    ['no token', {}, 'Access token is empty.'],
    [
      'an expired token',
      { authorization: bearer({ expired: true }) },
      'Access token has expired or is not yet valid.'
    ],
    [
      'another audience',
      { authorization: tokenWith({ aud: 'api://other', scp: WRITE }) },
      'Access token validation failure. Invalid audience.'
    ]
  ])('refuses the whole batch with 401 for %s', async (_case, headers, message) => {
    await start()
    const before = await server.snapshot()
    const response = await server.app.inject({
      method: 'POST',
      url: '/beta/$batch',
      headers: { 'content-type': 'application/json', ...headers },
      payload: { requests: [patch(validBody())] }
    })
    expect(response.statusCode).toBe(401)
    expect(response.headers['www-authenticate']).toMatch(/^Bearer /)
    expect(errorOf(response)).toMatchObject({ code: 'InvalidAuthenticationToken', message })
    expect(await server.snapshot()).toEqual(before)
  })

  it.each([
    ['a token without the write permission', bearer({ scopes: [READ] }), [200, 403]],
    ['a token without scp and roles', tokenWith({}), [403, 403]],
    ['a personal account', tokenWith({ scp: WRITE, tid: '9188040d-6c67-4c5b-b112-36a304b66dad' }), [403, 403]]
  ])(
    'accepts the batch with %s and answers each request as alone',
    async (_case, authorization, statuses) => {
      await start()
      const before = await server.snapshot()
      const requests = [get, patch(validBody())]
      const items = responsesOf(await server.batch({ requests }, { authorization }))
      expect(items.map((item) => item.status)).toEqual(statuses)
      for (const [index, request] of requests.entries())
        expectSameAnswer(items[index], await server.alone(request, { authorization }))
      expect(await server.snapshot()).toEqual(before)
    }
  )

  it("ignores an inner Authorization, as Graph does: the batch's token decides", async () => {
    await start()
    const before = await server.snapshot()
    const writer = bearer({ scopes: [WRITE] })
    const reader = bearer({ scopes: [READ] })
    const denied = responsesOf(
      await server.batch(
        { requests: [patch(validBody(), { 'content-type': 'application/json', Authorization: writer })] },
        { authorization: reader }
      )
    )
    expect(denied[0]?.status).toBe(403)
    expect(await server.snapshot()).toEqual(before)
    const allowed = responsesOf(
      await server.batch({ requests: [{ ...get, headers: { authorization: 'Bearer not-a-jwt' } }] })
    )
    expect(allowed[0]?.status).toBe(200)
  })

  it('needs no token with AUTH=off', async () => {
    await start({ auth: 'off', patchMode: 'partial' })
    const response = await server.app.inject({
      method: 'POST',
      url: '/beta/$batch',
      headers: { 'content-type': 'application/json' },
      payload: { requests: [patch({ workflowVersion: 3 }), { ...get, dependsOn: ['patch'] }] }
    })
    expect(responsesOf(response).map((item) => item.status)).toEqual([200, 200])
    expect((await server.store.get(DEFAULT_TENANT, DOC_ID))?.workflowVersion).toBe(3)
  })
})

describe("each request's own rules: Content-Type, validation, Prefer", () => {
  it.each([
    [
      'a JSON body declared as text (what Node adds to a string body)',
      patch(validBody(), { 'content-type': 'text/plain;charset=UTF-8' }),
      415
    ],
    ['a JSON string instead of an object', patch('{"workflowVersion": 1}'), 400],
    ['a value of the wrong type', patch(validBody({ totalTasksCount: '4' })), 400],
    ['a missing required property', patch({ workflowVersion: 1 }), 400],
    ['an evolvable member without Prefer', patch(validBody({ processingStatus: 'canceling' })), 400]
  ])('refuses %s with the answer it gets alone, and stores nothing', async (_case, request, status) => {
    await start()
    const before = await server.snapshot()
    const [item] = responsesOf(await server.batch({ requests: [request] }))
    expect(item?.status).toBe(status)
    expectSameAnswer(item, await server.alone(request))
    expect(await server.snapshot()).toEqual(before)
  })

  it("takes Prefer from each request's own headers", async () => {
    await start()
    const prefer = { Prefer: 'include-unknown-enum-members' }
    const items = responsesOf(
      await server.batch({
        requests: [
          patch(validBody({ processingStatus: 'canceling' }), {
            'Content-Type': 'application/json',
            ...prefer
          }),
          { ...get, id: 'plain', dependsOn: ['patch'] },
          { ...get, id: 'preferred', headers: prefer, dependsOn: ['plain'] }
        ]
      })
    )
    expect(
      items.map((item) => [item.status, (item.body as { processingStatus: string }).processingStatus])
    ).toEqual([
      [200, 'canceling'],
      [200, 'unknownFutureValue'],
      [200, 'canceling']
    ])
  })
})

describe('faults and throttling: per request inside the batch, never the batch itself', () => {
  it('fails the matching request with its fault and Retry-After, and runs the others', async () => {
    await start()
    const rule = { method: 'GET', path: '/beta/workflowBase/**', status: 503, retryAfter: 7, times: 1 }
    expect((await control(server.app, 'POST', '/faults', rule)).statusCode).toBe(201)
    const items = responsesOf(await server.batch({ requests: [get, { ...get, id: 'again' }] }))
    expect(items.map((item) => item.status)).toEqual([503, 200])
    expect(items[0]?.headers).toMatchObject({
      'Retry-After': '7',
      'Content-Type': expect.stringMatching(/^application\/json/)
    })
    expect(items[0]?.body).toMatchObject({ error: { code: 'serviceNotAvailable' } })
  })

  it('gives a rule that matches every request to the first request inside, not to the batch', async () => {
    await start()
    await control(server.app, 'POST', '/faults', { status: 500, times: 1 })
    const items = responsesOf(
      await server.batch({ requests: [get, { ...get, id: 'next', dependsOn: ['get'] }] })
    )
    expect(items.map((item) => item.status)).toEqual([500, 424])
  })

  it('throttles the requests over the rate limit with 429 and their own Retry-After; the batch does not count', async () => {
    await start({ rateLimit: { limit: 2, windowMs: 3_600_000 } })
    const items = responsesOf(await server.batch({ requests: ['1', '2', '3'].map((id) => ({ ...get, id })) }))
    expect(items.map((item) => item.status)).toEqual([200, 200, 429])
    expect(items[2]?.headers).toMatchObject({ 'Retry-After': expect.stringMatching(/^\d+$/) })
    expect(items[2]?.body).toMatchObject({ error: { code: 'TooManyRequests' } })
    expect((await server.alone(get)).statusCode).toBe(429)
  })
})

describe('the journal: one entry per request that ran, linked to its batch, then the batch', () => {
  it('records each inner request with the batch request-id and its id, and filters by batch', async () => {
    await start()
    const second = { 'client-request-id': 'own-id', Authorization: 'Bearer secret' }
    const requests = [
      { ...get, id: 'first' },
      { ...get, id: 'second', url: `${SEED}?x=1`, headers: second, dependsOn: ['first'] },
      { ...patch(validBody({ failedTasksCount: -1.5 })), dependsOn: ['second'] },
      { ...get, id: 'skipped', dependsOn: ['patch'] }
    ]
    const response = await server.batch({ requests }, { 'client-request-id': 'batch-client-id' })
    const batchId = String(response.headers['request-id'])
    const items = responsesOf(response)
    expect(items.map((item) => item.status)).toEqual([200, 200, 400, 424])

    const entries = await journal(server.app)
    expect(entries.map((entry) => [entry.method, entry.path, entry.status, entry.batch])).toEqual([
      ['GET', `/beta${SEED}`, 200, { requestId: batchId, id: 'first' }],
      ['GET', `/beta${SEED}`, 200, { requestId: batchId, id: 'second' }],
      ['PATCH', `/beta${SEED}`, 400, { requestId: batchId, id: 'patch' }],
      ['POST', '/beta/$batch', 200, null]
    ])
    expect(entries.map((entry) => entry['client-request-id'])).toEqual([
      'batch-client-id',
      'own-id',
      'batch-client-id',
      'batch-client-id'
    ])
    expect(entries[1]?.query).toEqual({ x: '1' })
    expect(entries[1]?.headers).not.toHaveProperty('authorization')
    expect(entries[2]?.requestBody).toEqual(validBody({ failedTasksCount: -1.5 }))
    expect(entries[2]?.responseBody).toEqual(items[2]?.body)
    expect((await journal(server.app, `?batch=${batchId}`)).map((entry) => entry.batch?.id)).toEqual([
      'first',
      'second',
      'patch'
    ])
  })

  it('links only requests the batch ran: the same request sent alone has no batch', async () => {
    await start()
    await server.alone(get, { 'x-batch': 'forged', 'request-id': 'forged' })
    const [entry] = await journal(server.app)
    expect(entry?.batch).toBeNull()
  })
})

describe('the batch over the tenant of its token', () => {
  it("reads and writes the token's tenant, as the same requests alone do", async () => {
    await start()
    const authorization = `Bearer ${mintToken({ tenant: 'tenant-b' })}`
    const items = responsesOf(
      await server.batch({ requests: [patch(validBody({ workflowVersion: 12 }))] }, { authorization })
    )
    expect(items[0]?.status).toBe(200)
    expect((await server.store.get('tenant-b', DOC_ID))?.workflowVersion).toBe(12)
    expect((await server.snapshot()).find((record) => record.id === DOC_ID)?.workflowVersion).toBe(1)
  })
})

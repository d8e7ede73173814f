import { Value } from '@sinclair/typebox/value'
import fc from 'fast-check'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Config } from '../../src/config.js'
import { DEFAULT_TOKEN_TENANT } from '../../src/model/token.js'
import { UserProcessingResultSchema } from '../../src/model/user-processing-result.js'
import { DEFAULT_TENANT } from '../../src/store/result-store.js'
import { type HostileRequest, hostileRequest } from '../helpers/arbitraries/graph-request.js'
import { bearer, DOC_ID, READ, SEED_PATH, type TestServer, testServer } from '../helpers/graph-server.js'
import {
  changedRecords,
  expectPrototypesUntouched,
  expectValidRecords,
  SEED,
  SPEC_CODES,
  snapshot
} from '../helpers/property-checks.js'

function expectEntity(value: unknown): void {
  const { '@odata.type': odataType, ...entity } = value as Record<string, unknown>
  expect(odataType).toBe('#microsoft.graph.identityGovernance.userProcessingResult')
  expect(Value.Check(UserProcessingResultSchema, entity)).toBe(true)
}

/**
 * A 200 of the seed path is the entity; of the read paths, an OData JSON payload or a `$count`; of `/_mock`,
 * the inspector page.
 */
function expectSuccessBody(url: string, response: LightMyRequestResponse): void {
  if (url.startsWith('/beta/workflowbase/')) expectEntity(response.json())
  else if (String(response.headers['content-type']).startsWith('text/html')) expect(url).toContain('_mock')
  else if (url.split('?')[0]?.endsWith('/$count')) expect(response.body).toMatch(/^\d+$/)
  else expect(response.json()).toBeTypeOf('object')
}

/** Every answer is a 2xx or Graph's envelope with a SPEC status and its code; never a 500. */
function expectGraphAnswer(request: HostileRequest, response: LightMyRequestResponse): void {
  const status = response.statusCode
  expect(response.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/)
  if (status === 204) return
  if (status === 200) {
    if (request.method !== 'HEAD') expectSuccessBody(request.url.toLowerCase(), response)
    return
  }
  expect(Object.keys(SPEC_CODES)).toContain(String(status))
  expect(response.headers['content-type']).toMatch(/^application\/json/)
  if (status === 401) expect(response.headers['www-authenticate']).toMatch(/^Bearer /)
  if (status === 405) expect(response.headers.allow).toBeTruthy()
  if (request.method === 'HEAD') return
  const { error } = response.json()
  expect(SPEC_CODES[status]).toContain(error.code)
  expect(typeof error.message).toBe('string')
  expect(error.innerError).toMatchObject({
    date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
    'request-id': response.headers['request-id']
  })
}

describe.each<Partial<Config>>([
  { auth: 'enforce', patchMode: 'strict' },
  { auth: 'off', patchMode: 'partial' }
])('hostile requests through inject() with %j', (config) => {
  let server: TestServer
  // Tenants that hold their own copy of the records (one that never wrote reads the shared seed).
  const written = new Set([DEFAULT_TENANT, DEFAULT_TOKEN_TENANT])
  beforeAll(async () => {
    server = await testServer(config)
  })
  afterAll(async () => {
    await server.app.close()
  })

  it('answer a 2xx or a SPEC error, change at most the target record and keep the server working', async () => {
    const outcomes = new Map<string, number>()
    await fc.assert(
      fc.asyncProperty(hostileRequest, async (request) => {
        const tenant = config.auth === 'off' ? DEFAULT_TENANT : request.tenant
        const tenants = new Set([...written, tenant])
        const before = await snapshot(server, tenants)
        const { tenant: _tenant, ...options } = request
        const response = await server.app.inject(options as InjectOptions)
        const outcome = `${request.method} ${response.statusCode}`
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)

        expectGraphAnswer(request, response)
        const after = await snapshot(server, tenants)
        const patched = request.method === 'PATCH' && response.statusCode === 200
        const resumed = request.method === 'POST' && response.statusCode === 204
        if (patched || resumed) written.add(tenant)
        // A resume changes the result it addresses (with its task result), a PATCH the record it answers with.
        const target = resumed
          ? /\/userProcessingResults\/([^/]+)\//.exec(request.url)?.[1]
          : patched
            ? response.json().id
            : undefined
        expect(changedRecords(before, after)).toEqual(target === undefined ? [] : [{ tenant, id: target }])
        expectValidRecords(after)
        expectPrototypesUntouched()
        const probe = await server.app.inject({
          method: 'GET',
          url: SEED_PATH,
          headers: { authorization: bearer({ scopes: [READ] }) }
        })
        expect(probe.statusCode).toBe(200)
        expect(probe.json().id).toBe(DOC_ID)
      }),
      { seed: SEED, numRuns: 1000 }
    )
    // The generators must reach both sides: real writes, and every kind of rejection.
    expect(outcomes.get('PATCH 200')).toBeGreaterThanOrEqual(5)
    expect(outcomes.get('POST 204')).toBeGreaterThanOrEqual(1)
    const statuses = new Set([...outcomes.keys()].map((outcome) => Number(outcome.split(' ')[1])))
    const expected = Object.keys(SPEC_CODES).map(Number)
    for (const status of expected.filter((code) => config.auth === 'enforce' || code > 403))
      expect(statuses).toContain(status)
  })
})

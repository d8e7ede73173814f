import fc from 'fast-check'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_TOKEN_TENANT } from '../../src/model/token.js'
import { DEFAULT_TENANT } from '../../src/store/result-store.js'
import { ADMIN_KEY, type ControlRequest, controlRequest } from '../helpers/arbitraries/control-request.js'
import { bearer, READ, SEED_PATH, type TestServer, testServer } from '../helpers/graph-server.js'
import {
  changedRecords,
  expectPrototypesUntouched,
  expectValidRecords,
  SEED,
  SPEC_CODES,
  snapshot
} from '../helpers/property-checks.js'

/** The statuses the test-control API answers with besides SPEC §5's: a wrong admin key, no certificate. */
const CONTROL_CODES: Record<number, string[]> = {
  ...SPEC_CODES,
  401: ['Unauthorized'],
  404: ['NotFound']
}

function expectControlAnswer(request: ControlRequest, response: LightMyRequestResponse): void {
  expect(response.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/)
  if (response.statusCode < 300 || request.method === 'HEAD') {
    expect(response.statusCode).toBeLessThan(500)
    return
  }
  expect(Object.keys(CONTROL_CODES)).toContain(String(response.statusCode))
  expect(CONTROL_CODES[response.statusCode]).toContain(response.json().error.code)
}

describe('hostile requests to the test-control API', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await testServer({ adminKey: ADMIN_KEY })
  })
  afterAll(async () => {
    await server.app.close()
  })

  it('answer a 2xx or a Graph error, store only valid records of the tenant named, and reset', async () => {
    const statuses = new Set<number>()
    let worldsSeeded = 0
    let snapshotsRestored = 0
    await fc.assert(
      fc.asyncProperty(controlRequest, async (request) => {
        const tenants = new Set([
          DEFAULT_TENANT,
          DEFAULT_TOKEN_TENANT,
          'contoso',
          request.tenant ?? DEFAULT_TENANT
        ])
        const before = await snapshot(server, tenants)
        const { tenant: _tenant, ...options } = request
        const response = await server.app.inject(options as InjectOptions)
        statuses.add(response.statusCode)
        if (
          request.url.startsWith('/_mock/workflows') &&
          request.method !== 'GET' &&
          response.statusCode === 200
        )
          worldsSeeded++
        if (
          request.url.startsWith('/_mock/snapshot') &&
          request.method === 'PUT' &&
          response.statusCode === 204
        )
          snapshotsRestored++

        expectControlAnswer(request, response)
        const after = await snapshot(server, tenants)
        expectValidRecords(after)
        // A write concerns the tenant named, else `default`; only a reset or a snapshot restored without a tenant
        // concerns them all.
        const url = request.url.toLowerCase()
        const resetsAll =
          request.tenant === undefined &&
          (url.startsWith('/_mock/reset') ||
            (url.startsWith('/_mock/snapshot?') && request.method === 'PUT') ||
            url === '/_mock/snapshot')
        const scope = request.tenant ?? DEFAULT_TENANT
        if (!resetsAll) {
          expect(changedRecords(before, after).filter((change) => change.tenant !== scope)).toEqual([])
        }
        expectPrototypesUntouched()
        const headers = { 'x-mock-admin-key': ADMIN_KEY }
        expect((await server.app.inject({ method: 'POST', url: '/_mock/reset', headers })).statusCode).toBe(
          204
        )
        const probe = await server.app.inject({
          method: 'GET',
          url: SEED_PATH,
          headers: { authorization: bearer({ scopes: [READ] }) }
        })
        expect(probe.statusCode).toBe(200)
      }),
      { seed: SEED, numRuns: 500 }
    )
    for (const status of [200, 201, 204, 400, 401, 405, 415]) expect(statuses).toContain(status)
    expect(worldsSeeded).toBeGreaterThanOrEqual(3)
    expect(snapshotsRestored).toBeGreaterThanOrEqual(3)
  })
})

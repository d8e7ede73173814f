import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bothBackends } from '../../helpers/backends.js'
import { control, findingsOf } from '../../helpers/control.js'
import { bearer, SEED_PATH, type TestServer, validBody } from '../../helpers/graph-server.js'

describe.each(bothBackends())('retry findings ($name)', (backend) => {
  let server: TestServer
  beforeEach(async () => {
    server = await backend.server()
  })
  afterEach(async () => {
    await server.app.close()
  })

  const SEED_ROUTE = 'PATCH /beta/workflowBase/userProcessingResults/{id}'

  async function fault(rule: Record<string, unknown>) {
    expect((await control(server.app, 'POST', '/faults', rule)).statusCode).toBe(201)
  }

  describe('retry-too-early', () => {
    it('flags a client that sends again at once after a 429 asking it to wait 1 s', async () => {
      await fault({ method: 'PATCH', status: 429, retryAfter: 1, times: 1 })
      const throttled = await server.patch(validBody())
      const retry = await server.patch(validBody())

      expect([throttled.statusCode, retry.statusCode]).toEqual([429, 200])
      const findings = await findingsOf(server.app, 'retry-too-early')
      expect(findings).toEqual([
        expect.objectContaining({
          severity: 'error',
          route: SEED_ROUTE,
          count: 2,
          requestIds: [throttled.headers['request-id'], retry.headers['request-id']]
        })
      ])
    })

    it('does not flag a client told it may retry at once (Retry-After: 0)', async () => {
      await fault({ method: 'PATCH', status: 503, retryAfter: 0, times: 1 })
      expect((await server.patch(validBody())).statusCode).toBe(503)
      expect((await server.patch(validBody())).statusCode).toBe(200)
      expect(await findingsOf(server.app, 'retry-too-early')).toEqual([])
    })
  })

  describe('retry-storm', () => {
    const attempt = (id: string) =>
      server.app.inject({ url: SEED_PATH, headers: { authorization: bearer(), 'client-request-id': id } })

    it('flags a client that retries one request 7 times in a row', async () => {
      await fault({ method: 'GET', status: 500, times: 7 })
      for (let tries = 0; tries < 8; tries++) await attempt('stormy')
      const [finding, ...others] = await findingsOf(server.app, 'retry-storm')
      expect(others).toEqual([])
      expect(finding).toMatchObject({ severity: 'error', count: 7 })
      expect(finding?.message).toMatch(
        /^7 retries of one GET \/beta\/workflowBase\/userProcessingResults\/.+ within 10 s$/
      )
    })

    it('does not flag a client that gives up after 3 retries', async () => {
      await fault({ method: 'GET', status: 500, times: 20 })
      for (const id of ['one', 'two']) for (let tries = 0; tries < 4; tries++) await attempt(id)
      expect(await findingsOf(server.app, 'retry-storm')).toEqual([])
    })
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Config } from '../../../src/config.js'
import { bothBackends } from '../../helpers/backends.js'
import { control, journal } from '../../helpers/control.js'
import { bearer, errorOf, SEED_PATH, type TestServer, validBody } from '../../helpers/graph-server.js'

const get = (app: TestServer['app']) => app.inject({ url: SEED_PATH })

async function statuses(app: TestServer['app'], count: number): Promise<number[]> {
  const seen: number[] = []
  for (let index = 0; index < count; index++) seen.push((await get(app)).statusCode)
  return seen
}

describe.each(bothBackends())('with the $name backend', (backend) => {
  let server: TestServer
  beforeEach(async () => {
    server = await backend.server({ auth: 'off' })
  })
  afterEach(async () => {
    await server.app.close()
  })

  describe('fault rules', () => {
    it("a `times: 2` rule fails twice with Graph's throttling answer, then expires", async () => {
      const added = await control(server.app, 'POST', '/faults', { status: 429, retryAfter: 0, times: 2 })
      expect(added.statusCode).toBe(201)
      expect(added.json()).toEqual({
        id: expect.any(String),
        status: 429,
        retryAfter: 0,
        times: 2,
        remaining: 2
      })

      const first = await get(server.app)
      expect(first.statusCode).toBe(429)
      expect(first.headers['retry-after']).toBe('0')
      expect(first.headers['content-type']).toMatch(/^application\/json/)
      expect(first.json()).toEqual({
        error: {
          code: 'TooManyRequests',
          message: 'Please retry again later.',
          innerError: {
            code: '429',
            message: 'Please retry after',
            status: '429',
            date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
            'request-id': first.headers['request-id'],
            'client-request-id': first.headers['client-request-id']
          }
        }
      })
      expect((await control(server.app, 'GET', '/faults')).json()).toMatchObject([{ remaining: 1 }])
      expect((await get(server.app)).statusCode).toBe(429)
      expect((await control(server.app, 'GET', '/faults')).json()).toEqual([])
      expect((await get(server.app)).statusCode).toBe(200)
    })

    it.each([
      [429, 'TooManyRequests', 'Please retry again later.', '1'],
      [500, 'InternalServerError', 'An internal server error occurred. Please retry later.', undefined],
      [
        502,
        'BadGateway',
        'The gateway received an invalid response from the service. Please retry later.',
        undefined
      ],
      [
        503,
        'serviceNotAvailable',
        'The service is temporarily unavailable. Try the request again after a delay.',
        '1'
      ],
      [
        504,
        'GatewayTimeout',
        'The gateway did not receive a response from the service in time. Please retry later.',
        undefined
      ]
    ])("answers an injected %i with Graph's code and message", async (status, code, message, retryAfter) => {
      await control(server.app, 'POST', '/faults', { status })
      const response = await get(server.app)
      expect(response.statusCode).toBe(status)
      expect(errorOf(response)).toMatchObject({ code, message })
      expect(response.headers['retry-after']).toBe(retryAfter)
      expect(response.headers['request-id']).toBeDefined()
    })

    it('sends the Retry-After a rule names, whatever the status', async () => {
      await control(server.app, 'POST', '/faults', { status: 500, retryAfter: 7 })
      expect((await get(server.app)).headers['retry-after']).toBe('7')
    })

    it('matches on method, path glob (any case) and tenant', async () => {
      const enforced = await backend.server()
      const { app } = enforced
      try {
        await control(app, 'POST', '/faults', {
          method: 'patch',
          path: '/beta/workflowbase/userProcessingResults/*',
          tenant: 'tenant-a',
          status: 500
        })
        const as = (tenant: string) => ({ headers: { authorization: bearer({ tenant }) } })
        const before = await enforced.snapshot('tenant-a')

        expect((await app.inject({ url: SEED_PATH, ...as('tenant-a') })).statusCode).toBe(200)
        expect((await enforced.patch(validBody(), as('tenant-b'))).statusCode).toBe(200)
        expect((await enforced.patch(validBody(), as('tenant-a'))).statusCode).toBe(500)
        expect(await enforced.snapshot('tenant-a')).toEqual(before)
      } finally {
        await app.close()
      }
    })

    it('puts the newest rule first, as overrides', async () => {
      await control(server.app, 'POST', '/faults', { status: 500 })
      await control(server.app, 'POST', '/faults', { status: 503, times: 1 })
      expect(await statuses(server.app, 3)).toEqual([503, 500, 500])
    })

    it('a seeded `rate` rule gives the same sequence after a reset and in another server', async () => {
      const rule = { status: 503, rate: 0.5, seed: 42 }
      await control(server.app, 'POST', '/faults', rule)
      const first = await statuses(server.app, 40)

      await control(server.app, 'POST', '/reset')
      await control(server.app, 'POST', '/faults', rule)
      const afterReset = await statuses(server.app, 40)

      const other = await backend.server({ auth: 'off' })
      await control(other.app, 'POST', '/faults', rule)
      const elsewhere = await statuses(other.app, 40)
      await control(other.app, 'POST', '/faults', { ...rule, seed: 43 })
      const otherSeed = await statuses(other.app, 40)
      await other.app.close()

      expect(first).toContain(200)
      expect(first).toContain(503)
      expect(afterReset).toEqual(first)
      expect(elsewhere).toEqual(first)
      expect(otherSeed).not.toEqual(first)
      // The sequence is a function of the seed alone, so it is also the same in a new process: the n-th match
      // checks the rate with draw 3n of mulberry32 seeded 42 (each match consumes three draws).
      expect(first.slice(0, 12)).toEqual([200, 200, 503, 503, 200, 200, 503, 503, 503, 200, 503, 200])
    })

    it("picks from a list of statuses with the rule's seed", async () => {
      await control(server.app, 'POST', '/faults', { status: [500, 503], seed: 1 })
      const seen = await statuses(server.app, 20)
      expect(new Set(seen)).toEqual(new Set([500, 503]))
    })

    it('delays a request and lets it through when the rule has no status', async () => {
      await control(server.app, 'POST', '/faults', { delayMs: 30 })
      expect((await get(server.app)).statusCode).toBe(200)
      const [entry] = await journal(server.app)
      expect(entry?.duration).toBeGreaterThanOrEqual(25)
    })

    it('never faults the control API', async () => {
      await control(server.app, 'POST', '/faults', { status: 503 })
      await control(server.app, 'POST', '/faults', { path: '/_mock/**', status: 500 })
      expect((await control(server.app, 'GET', '/userProcessingResults')).statusCode).toBe(200)
      expect((await control(server.app, 'GET', '/health')).statusCode).toBe(200)
    })

    it('DELETE clears every rule, or the rules of one tenant', async () => {
      await control(server.app, 'POST', '/faults', { tenant: 'a', status: 500 })
      await control(server.app, 'POST', '/faults', { tenant: 'b', status: 500 })
      await control(server.app, 'POST', '/faults', { status: 502, path: '/x' })
      expect((await control(server.app, 'DELETE', '/faults?tenant=a')).statusCode).toBe(204)
      expect(
        (await control(server.app, 'GET', '/faults')).json().map((rule: { tenant?: string }) => rule.tenant)
      ).toEqual([undefined, 'b'])
      await control(server.app, 'DELETE', '/faults')
      expect((await control(server.app, 'GET', '/faults')).json()).toEqual([])
    })

    it.each([
      [
        { status: 418 },
        "Invalid body: 'status' has the invalid value 418 (expected one of 429, 500, 502, 503, 504, or a list of them).",
        'status'
      ],
      [{ status: [] }, /^Invalid body: 'status' has the invalid value \[\]/, 'status'],
      [{ method: 'GET' }, "Invalid body: a rule needs an effect: 'status', 'delayMs' or both.", 'status'],
      [{ status: 500, rate: 1.5 }, /^Invalid body: 'rate' has the invalid value 1.5/, 'rate'],
      [{ status: 500, times: 0 }, /^Invalid body: 'times' has the invalid value 0/, 'times'],
      [
        { delayMs: 120000 },
        /^Invalid body: 'delayMs' has the invalid value 120000 \(expected milliseconds from 0 to 60000/,
        'delayMs'
      ],
      [{ delayMs: { min: 50, max: 10 } }, "Invalid body: 'delayMs.min' is above 'delayMs.max'.", 'delayMs'],
      [{ status: 500, path: 'beta/*' }, /^Invalid body: 'path' has the invalid value "beta\/\*"/, 'path'],
      [{ status: 500, when: 'now' }, "Invalid body: 'when' is not a known property.", 'when'],
      [{ status: 500, seed: -1 }, /^Invalid body: 'seed' has the invalid value -1/, 'seed']
    ])('rejects %j naming the field and adds nothing', async (rule, message, target) => {
      const response = await control(server.app, 'POST', '/faults', rule)
      expect(response.statusCode).toBe(400)
      expect(errorOf(response).message).toMatch(message)
      expect(errorOf(response).details?.[0]?.target).toBe(target)
      expect((await control(server.app, 'GET', '/faults')).json()).toEqual([])
    })
  })

  describe('start-up faults (--fault-rate, --fault-statuses, --latency-ms, --seed)', () => {
    it('are listed rules that DELETE clears and a reset brings back', async () => {
      const chaotic = await backend.server({ auth: 'off', faultRate: 1, faultStatuses: [502], seed: 9 })
      try {
        expect((await control(chaotic.app, 'GET', '/faults')).json()).toEqual([
          { id: 'start-up-faults', rate: 1, status: [502], seed: 9, remaining: null }
        ])
        expect(await statuses(chaotic.app, 3)).toEqual([502, 502, 502])
        expect((await control(chaotic.app, 'GET', '/health')).statusCode).toBe(200)

        await control(chaotic.app, 'DELETE', '/faults')
        expect(await statuses(chaotic.app, 2)).toEqual([200, 200])

        await control(chaotic.app, 'POST', '/reset')
        expect(await statuses(chaotic.app, 2)).toEqual([502, 502])
      } finally {
        await chaotic.app.close()
      }
    })

    it('repeat their sequence for a seed, after a reset and in another server', async () => {
      const options: Partial<Config> = { auth: 'off', faultRate: 0.3, faultStatuses: [500, 503], seed: 7 }
      const one = await backend.server(options)
      const two = await backend.server(options)
      try {
        const first = await statuses(one.app, 30)
        await control(one.app, 'POST', '/reset')
        expect(await statuses(one.app, 30)).toEqual(first)
        expect(await statuses(two.app, 30)).toEqual(first)
        expect(first).toContain(200)
        expect(first.some((status) => status >= 500)).toBe(true)
      } finally {
        await one.app.close()
        await two.app.close()
      }
    })

    it('add latency to Graph requests only', async () => {
      const slow = await backend.server({ auth: 'off', latencyMs: { min: 20, max: 40 } })
      try {
        expect((await control(slow.app, 'GET', '/faults')).json()).toEqual([
          { id: 'start-up-latency', delayMs: { min: 20, max: 40 }, seed: 1, remaining: null }
        ])
        expect((await get(slow.app)).statusCode).toBe(200)
        const [entry] = await journal(slow.app)
        expect(entry?.duration).toBeGreaterThanOrEqual(15)
      } finally {
        await slow.app.close()
      }
    })
  })
})

import { Writable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import type { Config } from '../../../src/config.js'
import { MISSING_TOKEN_HINT, NOT_BEARER_HINT } from '../../../src/graph/errors/graph-error.js'
import { mintToken } from '../../../src/model/token.js'
import { DEFAULT_TENANT } from '../../../src/store/result-store.js'
import { SEED_PATH, testServer, validBody } from '../../helpers/graph-server.js'

/** A test server whose log lines are collected. */
async function serverWithLog(overrides: Partial<Config> = {}) {
  const lines: Record<string, unknown>[] = []
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)))
      done()
    }
  })
  const server = await testServer({ logLevel: 'info', ...overrides }, { logStream })
  const hints = (hint = MISSING_TOKEN_HINT) => lines.filter((line) => line.hint === hint)
  // The shared helper always sends a token; these requests send the header under test, or none.
  const patch = (headers: Record<string, string> = {}) =>
    server.app.inject({ method: 'PATCH', url: SEED_PATH, payload: validBody(), headers })
  return { ...server, hints, patch }
}

describe('the missing-token hint', () => {
  const apps: { close(): Promise<unknown> }[] = []
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()))
  })

  it("keeps Graph's 401 body and adds x-mock-hint when no Authorization header came", async () => {
    const { app, snapshot, patch } = await serverWithLog()
    apps.push(app)
    const before = await snapshot(DEFAULT_TENANT)
    const response = await patch()
    expect(response.statusCode).toBe(401)
    expect(response.headers['x-mock-hint']).toBe(MISSING_TOKEN_HINT)
    expect(response.headers['www-authenticate']).toMatch(/^Bearer realm=""/)
    const { error } = response.json()
    expect(Object.keys(error)).toEqual(['code', 'message', 'innerError'])
    expect(error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token is empty.' })
    expect(await snapshot(DEFAULT_TENANT)).toEqual(before)
  })

  it.each(['', 'Bearer ', 'bearer'])(
    'is not added for an Authorization header %j that is there but empty',
    async (authorization) => {
      const { app, hints, patch } = await serverWithLog()
      apps.push(app)
      const response = await patch({ authorization })
      expect(response.statusCode).toBe(401)
      expect(response.json().error.message).toBe('Access token is empty.')
      expect(response.headers['x-mock-hint']).toBeUndefined()
      expect(hints()).toHaveLength(0)
      expect(hints(NOT_BEARER_HINT)).toHaveLength(0)
    }
  )

  it.each([
    ['a bare JWT', mintToken()],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a misspelt scheme', `Bearer:${mintToken()}`]
  ])(
    'names the expected form for a header with %s instead of calling the token empty, once in the log',
    async (_name, authorization) => {
      const { app, hints, patch, snapshot } = await serverWithLog()
      apps.push(app)
      const before = await snapshot(DEFAULT_TENANT)
      const responses = [await patch({ authorization }), await patch({ authorization })]
      for (const response of responses) {
        expect(response.statusCode).toBe(401)
        expect(response.json().error).toMatchObject({
          code: 'InvalidAuthenticationToken',
          message: expect.stringContaining("Send it as 'Authorization: Bearer <token>'.")
        })
        expect(response.headers['x-mock-hint']).toBe(NOT_BEARER_HINT)
        expect(response.headers['www-authenticate']).toMatch(/^Bearer realm=""/)
      }
      expect(hints(NOT_BEARER_HINT)).toHaveLength(1)
      expect(hints()).toHaveLength(0)
      expect(await snapshot(DEFAULT_TENANT)).toEqual(before)
    }
  )

  it('is logged once per server, however many requests lack the header', async () => {
    const first = await serverWithLog()
    const second = await serverWithLog()
    apps.push(first.app, second.app)
    for (let i = 0; i < 3; i++) await first.patch()
    await first.app.inject({ method: 'GET', url: SEED_PATH })
    expect(first.hints()).toHaveLength(1)
    expect(first.hints()[0]).toMatchObject({ level: 40 })
    await second.patch()
    expect(second.hints()).toHaveLength(1)
  })

  it('is neither sent nor logged when auth is off', async () => {
    const { app, hints, patch } = await serverWithLog({ auth: 'off' })
    apps.push(app)
    const response = await patch()
    expect(response.statusCode).toBe(200)
    expect(response.headers['x-mock-hint']).toBeUndefined()
    expect(hints()).toHaveLength(0)
  })

  it('is readable by a browser client (CORS exposes it)', async () => {
    const { app, patch } = await serverWithLog()
    apps.push(app)
    const response = await patch({ origin: 'http://localhost:5173' })
    expect(String(response.headers['access-control-expose-headers'])).toContain('x-mock-hint')
  })
})

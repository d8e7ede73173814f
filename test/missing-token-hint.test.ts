import { Writable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { type Config, configWith } from '../src/config.js'
import { MISSING_TOKEN_HINT } from '../src/graph/errors.js'
import { buildServer } from '../src/server.js'
import { BUNDLED_FIXTURES, loadFixtures } from '../src/store/load-fixtures.js'
import { MemoryStore } from '../src/store/memory-store.js'
import { SEED_ID, SEED_PATCH } from './helpers/listening-server.js'

const SEED_URL = `/beta/workflowBase/userProcessingResults/${SEED_ID}`

/** A server whose log lines are collected, and its store. */
async function serverWithLog(overrides: Partial<Config> = {}) {
  const lines: Record<string, unknown>[] = []
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)))
      done()
    }
  })
  const store = new MemoryStore(await loadFixtures(BUNDLED_FIXTURES))
  const app = await buildServer(configWith({ logLevel: 'info', ...overrides }), { store, logStream })
  const hints = () => lines.filter((line) => line.hint === MISSING_TOKEN_HINT)
  return { app, store, hints }
}

function patchWithout(app: Awaited<ReturnType<typeof buildServer>>, headers: Record<string, string> = {}) {
  return app.inject({ method: 'PATCH', url: SEED_URL, payload: SEED_PATCH, headers })
}

describe('the missing-token hint', () => {
  const apps: { close(): Promise<unknown> }[] = []
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()))
  })

  it("keeps Graph's 401 body and adds x-mock-hint when no Authorization header came", async () => {
    const { app, store } = await serverWithLog()
    apps.push(app)
    const before = await store.get('default', SEED_ID)
    const response = await patchWithout(app)
    expect(response.statusCode).toBe(401)
    expect(response.headers['x-mock-hint']).toBe(MISSING_TOKEN_HINT)
    expect(response.headers['www-authenticate']).toMatch(/^Bearer realm=""/)
    const { error } = response.json()
    expect(Object.keys(error)).toEqual(['code', 'message', 'innerError'])
    expect(error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token is empty.' })
    expect(await store.get('default', SEED_ID)).toEqual(before)
  })

  it.each(['', 'Bearer ', 'Basic abc'])(
    'is not added for an Authorization header %j that is there but empty',
    async (authorization) => {
      const { app, hints } = await serverWithLog()
      apps.push(app)
      const response = await patchWithout(app, { authorization })
      expect(response.statusCode).toBe(401)
      expect(response.json().error.message).toBe('Access token is empty.')
      expect(response.headers['x-mock-hint']).toBeUndefined()
      expect(hints()).toHaveLength(0)
    }
  )

  it('is logged once per server, however many requests lack the header', async () => {
    const first = await serverWithLog()
    const second = await serverWithLog()
    apps.push(first.app, second.app)
    for (let i = 0; i < 3; i++) await patchWithout(first.app)
    await first.app.inject({ method: 'GET', url: SEED_URL })
    expect(first.hints()).toHaveLength(1)
    expect(first.hints()[0]).toMatchObject({
      level: 40,
      msg: 'a request came without an Authorization header'
    })
    await patchWithout(second.app)
    expect(second.hints()).toHaveLength(1)
  })

  it('is neither sent nor logged when auth is off', async () => {
    const { app, hints } = await serverWithLog({ auth: 'off' })
    apps.push(app)
    const response = await patchWithout(app)
    expect(response.statusCode).toBe(200)
    expect(response.headers['x-mock-hint']).toBeUndefined()
    expect(hints()).toHaveLength(0)
  })

  it('is readable by a browser client (CORS exposes it)', async () => {
    const { app } = await serverWithLog()
    apps.push(app)
    const response = await patchWithout(app, { origin: 'http://localhost:5173' })
    expect(String(response.headers['access-control-expose-headers'])).toContain('x-mock-hint')
  })
})

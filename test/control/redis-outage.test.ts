import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { control } from '../helpers/control.js'
import { errorOf, SEED_PATH, type TestServer, testServer, validBody } from '../helpers/graph-server.js'
import { type RedisServer, startRedisServer } from '../helpers/redis-server.js'

/** How long the mock may take to notice Redis is back (its reconnection backoff is at most 1 s). */
const RECOVERY_TIMEOUT_MS = 10_000

let redis: RedisServer
let server: TestServer
beforeAll(async () => {
  redis = await startRedisServer()
})
beforeEach(async () => {
  server = await testServer({
    auth: 'off',
    redisUrl: redis.url,
    rateLimit: { limit: 1000, windowMs: 60_000 },
    latencyMs: { min: 1, max: 1 }
  })
})
afterEach(async () => {
  await server.app.close()
  await redis.start()
})
afterAll(async () => {
  await redis.close()
})

const probe = async (path: string) => {
  const response = await control(server.app, 'GET', path)
  return { status: response.statusCode, body: response.json() }
}

/** Polls /_mock/ready (bounded) until it answers 200. */
async function readyAgain(): Promise<void> {
  const deadline = Date.now() + RECOVERY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if ((await probe('/ready')).status === 200) return
    await sleep(50)
  }
  throw new Error(`the mock was not ready ${RECOVERY_TIMEOUT_MS} ms after Redis came back`)
}

function expectRedisOut(response: { statusCode: number; headers: Record<string, unknown> }) {
  expect(response.statusCode).toBe(503)
  expect(response.headers['retry-after']).toBe('1')
  expect(response.headers['content-type']).toMatch(/^application\/json/)
}

describe('Redis lost while the mock runs', () => {
  it('answers 503 with Retry-After, says so in health and ready, changes nothing, then recovers by itself', async () => {
    expect(await probe('/health')).toEqual({
      status: 200,
      body: { status: 'ok', backend: 'redis', redis: 'ready' }
    })
    await redis.stop()

    const read = await server.app.inject({ url: SEED_PATH })
    expectRedisOut(read)
    expect(errorOf(read)).toMatchObject({
      code: 'serviceNotAvailable',
      message: expect.stringMatching(
        /^The service is temporarily unavailable: the mock cannot reach the Redis/
      )
    })
    expectRedisOut(await server.patch(validBody({ workflowVersion: 99 })))

    const added = await control(server.app, 'POST', '/faults', { status: 500 })
    expectRedisOut(added)
    expect(errorOf(added).message).toMatch(/Redis/)
    expectRedisOut(await control(server.app, 'POST', '/reset'))
    const health = await probe('/health')
    expect(health.status).toBe(200)
    expect(health.body).toMatchObject({ status: 'degraded', backend: 'redis' })
    expect(health.body.redis).not.toBe('ready')
    const ready = await control(server.app, 'GET', '/ready')
    expectRedisOut(ready)
    expect(errorOf(ready).code).toBe('serviceNotAvailable')

    await redis.start()
    await readyAgain()

    expect((await server.app.inject({ url: SEED_PATH })).statusCode).toBe(200)
    expect((await server.patch(validBody({ workflowVersion: 5 }))).statusCode).toBe(200)
    expect(await probe('/health')).toEqual({
      status: 200,
      body: { status: 'ok', backend: 'redis', redis: 'ready' }
    })
    // Redis came back empty: the start-up rules are installed again, and the rule refused during the outage is not there.
    expect((await probe('/faults')).body).toEqual([
      { id: 'start-up-latency', delayMs: { min: 1, max: 1 }, seed: 1, remaining: null }
    ])
  })

  it('answers 503 within the command timeout when Redis stops answering, and serves again when it resumes', async () => {
    const pid = redis.pid
    if (pid === undefined) throw new Error('redis-server is not running')
    process.kill(pid, 'SIGSTOP')
    try {
      const read = await server.app.inject({ url: SEED_PATH })
      expectRedisOut(read)
      expect(errorOf(read).message).toMatch(/timed out/)
      expect((await control(server.app, 'GET', '/ready')).statusCode).toBe(503)
    } finally {
      process.kill(pid, 'SIGCONT')
    }
    await readyAgain()
    expect((await server.app.inject({ url: SEED_PATH })).statusCode).toBe(200)
  })
})

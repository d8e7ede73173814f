import { once } from 'node:events'
import { createServer } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type RedisServer, startRedisServer } from '../helpers/redis-server.js'
import { type RunningCli, runCli, startServer } from '../helpers/run-cli.js'

let redis: RedisServer
let running: RunningCli | undefined
beforeAll(async () => {
  redis = await startRedisServer()
})
afterEach(() => {
  if (running?.child.exitCode === null) running.child.kill('SIGKILL')
  running = undefined
})
afterAll(async () => {
  await redis.close()
})

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

describe('CLI with --redis-url', () => {
  it('stops with one line naming the option and exit code 2 when Redis cannot be reached, without the password', async () => {
    const port = await closedPort()
    const run = runCli(['--port', '0'], { REDIS_URL: `redis://:s3cret@127.0.0.1:${port}/2` })
    expect(await run.exited).toBe(2)
    expect(run.stderr).toEqual([
      `graph-lifecycle-mock: Failed to start: cannot use Redis at redis://:***@127.0.0.1:${port}/2 ` +
        `(connect ECONNREFUSED 127.0.0.1:${port}). Check --redis-url (REDIS_URL) and that Redis runs there.`
    ])
  })

  it('serves with the state in Redis, says so in /_mock/health, and closes the connection on SIGTERM', async () => {
    running = await startServer(['--redis-url', redis.url, '--redis-prefix', 'cli:'])
    const health = await fetch(`${running.url}/_mock/health`)
    expect(await health.json()).toEqual({ status: 'ok', backend: 'redis', redis: 'ready' })
    expect((await fetch(`${running.url}/_mock/ready`)).status).toBe(200)
    running.child.kill('SIGTERM')
    expect(await running.exited).toBe(0)
  })
})

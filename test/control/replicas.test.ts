import { describe, expect, it } from 'vitest'
import type { Config } from '../../src/config.js'
import { redisForFile } from '../helpers/backends.js'
import { control, findingsOf } from '../helpers/control.js'
import { bearer, SEED_PATH, type TestServer, testServer } from '../helpers/graph-server.js'
import { readEvents } from '../helpers/sse-reader.js'
import { LCW } from '../helpers/workflows.js'

/** Several mocks sharing one Redis under one prefix, as replicas behind a load balancer. */
let deployments = 0
const redis = redisForFile()
const { running } = redis

/** The options of a new deployment: this file's Redis, a key prefix of its own. */
function deployment(overrides: Partial<Config> = {}): Partial<Config> {
  return { auth: 'off', redisUrl: redis.url, redisPrefix: `replicas-${++deployments}:`, ...overrides }
}

/** A replica of the deployment, closed after the test. */
async function replica(options: Partial<Config>): Promise<TestServer> {
  const server = await testServer(options)
  running.push(server)
  return server
}

/** `count` replicas of a new deployment with these options. */
async function replicas(count: number, overrides: Partial<Config> = {}): Promise<TestServer[]> {
  const options = deployment(overrides)
  const servers: TestServer[] = []
  for (let index = 0; index < count; index++) servers.push(await replica(options))
  return servers
}

const get = (server: TestServer, headers: Record<string, string> = {}) =>
  server.app.inject({ url: SEED_PATH, headers })

/** `count` requests at once, spread over the servers in turn. */
async function spread(servers: readonly TestServer[], count: number, headers: Record<string, string> = {}) {
  const responses = await Promise.all(
    Array.from({ length: count }, (_, index) => get(servers[index % servers.length] as TestServer, headers))
  )
  return responses.map((response) => response.statusCode)
}

const count = (statuses: number[], status: number) => statuses.filter((value) => value === status).length

describe('replicas on one Redis', () => {
  it('a `times: 3` rule added through one fires exactly 3 times across both, under 200 requests at once', async () => {
    const [one, two] = (await replicas(2)) as [TestServer, TestServer]
    const added = await control(one.app, 'POST', '/faults', { status: 503, times: 3 })
    expect((await control(two.app, 'GET', '/faults')).json()).toEqual([added.json()])

    const statuses = await spread([one, two], 200)

    expect(count(statuses, 503)).toBe(3)
    expect(count(statuses, 200)).toBe(197)
    expect((await control(two.app, 'GET', '/faults')).json()).toEqual([])
  })

  it('give rules added at once through both replicas ids no other rule has', async () => {
    const servers = await replicas(2)
    const added = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        control((servers[index % 2] as TestServer).app, 'POST', '/faults', { status: 500, path: '/x' })
      )
    )
    const ids = added.map((response) => response.json().id)
    expect(new Set(ids).size).toBe(20)
    expect((await control((servers[1] as TestServer).app, 'GET', '/faults')).json()).toHaveLength(20)
  })

  it('count throttling windows across both: one tenant and app get the limit, whichever replica they reach', async () => {
    const servers = await replicas(2, { auth: 'enforce', rateLimit: { limit: 10, windowMs: 60_000 } })
    const app1 = { authorization: bearer({ tenant: 'tenant-a', appId: 'app-1' }) }
    const app2 = { authorization: bearer({ tenant: 'tenant-a', appId: 'app-2' }) }

    const statuses = await spread(servers, 30, app1)

    expect(count(statuses, 200)).toBe(10)
    expect(count(statuses, 429)).toBe(20)
    expect(await spread(servers, 2, app2)).toEqual([200, 200])
  })

  it('reset through one resets the rules and windows of both', async () => {
    const servers = await replicas(2, {
      auth: 'enforce',
      rateLimit: { limit: 2, windowMs: 60_000 },
      latencyMs: { min: 1, max: 1 }
    })
    const [one, two] = servers as [TestServer, TestServer]
    const caller = { authorization: bearer() }
    await control(one.app, 'POST', '/faults', { status: 500, path: '/nowhere' })
    expect((await spread(servers, 3, caller)).sort()).toEqual([200, 200, 429])

    expect((await control(two.app, 'POST', '/reset')).statusCode).toBe(204)

    expect((await control(one.app, 'GET', '/faults')).json().map((rule: { id: string }) => rule.id)).toEqual([
      'start-up-latency'
    ])
    expect(await spread([one], 2, caller)).toEqual([200, 200])
  })

  it('install the start-up rules once, and a replica that starts later continues their draws', async () => {
    const options: Partial<Config> = { auth: 'off', faultRate: 0.5, faultStatuses: [500, 503], seed: 7 }
    const alone = await replica(options)
    const expected: number[] = []
    for (let index = 0; index < 30; index++) expected.push((await get(alone)).statusCode)

    const shared = deployment(options)
    const servers = [await replica(shared), await replica(shared)]
    const seen: number[] = []
    for (let index = 0; index < 15; index++)
      seen.push((await get(servers[index % 2] as TestServer)).statusCode)
    servers.push(await replica(shared))
    for (let index = 15; index < 30; index++)
      seen.push((await get(servers[index % 3] as TestServer)).statusCode)

    expect((await control((servers[2] as TestServer).app, 'GET', '/faults')).json()).toEqual([
      { id: 'start-up-faults', rate: 0.5, status: [500, 503], seed: 7, remaining: null }
    ])
    expect(seen).toEqual(expected)
    expect(new Set(seen)).toEqual(new Set([200, 500, 503]))
  })

  it('a replica started with other start-up options replaces the start-up rules, and says so', async () => {
    const lines: string[] = []
    const logStream = { write: (line: string) => lines.push(line) }
    const shared = deployment({ faultRate: 0.5, faultStatuses: [500] })
    const first = await replica(shared)
    await control(first.app, 'POST', '/faults', { status: 502, path: '/x' })
    const other = await testServer(
      { ...shared, faultRate: 1, faultStatuses: [503], logLevel: 'warn' },
      { logStream }
    )
    running.push(other)

    expect((await control(first.app, 'GET', '/faults')).json()).toEqual([
      { id: '1', status: 502, path: '/x', remaining: null },
      { id: 'start-up-faults', rate: 1, status: [503], seed: 0, remaining: null }
    ])
    expect(lines.join('')).toContain('Replaced the start-up fault rules in Redis')
  })

  it('show the requests of every replica in the live stream of either, and know the page links either handed out', async () => {
    const [one, two] = (await replicas(2, { pageSize: 1 })) as [TestServer, TestServer]
    const origin = await one.app.listen({ port: 0, host: '127.0.0.1' })
    const reader = await readEvents(`${origin}/_mock/requests/stream`)
    try {
      await get(two)
      await get(one)
      const events = await reader.until(
        (seen) => seen.filter((event) => event.event === 'request').length === 2
      )
      expect(events.filter((event) => event.event === 'request')).toHaveLength(2)
    } finally {
      reader.close()
    }

    const first = await two.app.inject({ url: `${LCW}/workflows` })
    const next = new URL(first.json()['@odata.nextLink'])
    expect((await one.app.inject({ url: `${next.pathname}${next.search}` })).statusCode).toBe(200)
    expect(await findingsOf(two.app, 'invented-page-link')).toEqual([])
    await one.app.inject({ url: `${next.pathname}?$skip=1` })
    expect(await findingsOf(two.app, 'invented-page-link')).toHaveLength(1)
  })
})

import { describe, expect, it } from 'vitest'
import type { Snapshot } from '../../../src/model/control/snapshot.js'
import { redisForFile } from '../../helpers/backends.js'
import { control } from '../../helpers/control.js'
import { bearer, type TestServer, testServer, validBody } from '../../helpers/graph-server.js'

const redis = redisForFile()
const { running } = redis

async function server(backend: 'memory' | 'redis'): Promise<TestServer> {
  const started = await testServer(
    backend === 'memory' ? {} : { redisUrl: redis.url, redisPrefix: `round-trip-${running.length}:` }
  )
  running.push(started)
  return started
}

const snapshotOf = async (target: TestServer): Promise<Snapshot> =>
  (await control(target.app, 'GET', '/snapshot')).json()

/** Writes of every kind through Graph and the control API. */
async function change(target: TestServer, tenant: string, workflowVersion: number): Promise<void> {
  const headers = { authorization: bearer({ tenant }) }
  expect((await target.patch(validBody({ workflowVersion }), { headers })).statusCode).toBe(200)
  await control(target.app, 'POST', '/faults', {
    tenant,
    status: 503,
    times: 2,
    rate: 0.5,
    seed: workflowVersion
  })
  for (let index = 0; index < 5; index++)
    await target.app.inject({ url: '/beta/workflowBase/userProcessingResults/nope', headers })
}

describe('a snapshot taken from one backend', () => {
  it('restores into the other and back, giving the same snapshot each time', async () => {
    const memory = await server('memory')
    const shared = await server('redis')
    await change(memory, 'tenant-a', 11)
    await change(memory, 'tenant-b', 12)
    const fromMemory = await snapshotOf(memory)

    expect((await control(shared.app, 'PUT', '/snapshot', fromMemory)).statusCode).toBe(204)
    expect(await snapshotOf(shared)).toEqual(fromMemory)

    await change(shared, 'tenant-c', 13)
    const fromRedis = await snapshotOf(shared)
    expect(Object.keys(fromRedis.tenants).sort()).toEqual(['tenant-a', 'tenant-b', 'tenant-c'])
    expect((await control(memory.app, 'PUT', '/snapshot', fromRedis)).statusCode).toBe(204)
    expect(await snapshotOf(memory)).toEqual(fromRedis)
  })
})

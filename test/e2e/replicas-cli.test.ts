import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { fixtureOf } from '../../src/store/seed/world-fixture.js'
import { bearer, DOC_ID, SEED_PATH, validBody } from '../helpers/graph-server.js'
import { makeRecord } from '../helpers/odata.js'
import { type RedisServer, startRedisServer } from '../helpers/redis-server.js'
import { type RunningCli, startServer } from '../helpers/run-cli.js'
import { waitingOn } from '../helpers/world.js'

/** Two mock processes (the CLI, as users run it) on one Redis, under one prefix: replicas behind a load balancer. */
let redis: RedisServer
let deployments = 0
const running: RunningCli[] = []
beforeAll(async () => {
  redis = await startRedisServer({ persistent: true })
})
afterEach(async () => {
  for (const replica of running.splice(0)) {
    replica.child.kill('SIGTERM')
    await replica.exited
  }
})
afterAll(async () => {
  await redis.close()
})

async function replicas(): Promise<[string, string]> {
  const args = ['--redis-url', redis.url, '--redis-prefix', `cli-replicas-${++deployments}:`]
  const [one, two] = await Promise.all([startServer(args), startServer(args)])
  running.push(one, two)
  return [one.url, two.url]
}

const WRITER = { authorization: bearer(), 'content-type': 'application/json' }

const patch = (url: string, id: string, workflowVersion: number) =>
  fetch(`${url}/beta/workflowBase/userProcessingResults/${id}`, {
    method: 'PATCH',
    headers: WRITER,
    body: JSON.stringify(validBody({ workflowVersion }))
  })

const read = async (url: string, path = SEED_PATH) =>
  (await (await fetch(`${url}${path}`, { headers: { authorization: bearer() } })).json()) as Record<
    string,
    unknown
  >

const control = (url: string, method: string, path: string, body?: unknown) =>
  fetch(`${url}/_mock${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  })

describe('two mock processes on one Redis', () => {
  it('read through one what was written through the other, journal both, and reset both through one', async () => {
    const [one, two] = await replicas()
    expect((await patch(one, DOC_ID, 42)).status).toBe(200)
    expect(await read(two)).toMatchObject({ workflowVersion: 42 })
    await read(one)

    for (const url of [one, two]) {
      const entries = (await (await control(url, 'GET', '/requests')).json()) as { method: string }[]
      expect(entries.map((entry) => entry.method)).toEqual(['PATCH', 'GET', 'GET'])
    }
    expect((await control(two, 'POST', '/reset')).status).toBe(204)
    expect(await (await control(one, 'GET', '/requests/count')).json()).toEqual({ count: 0 })
    expect(await read(one)).toMatchObject({ workflowVersion: 1 })
  })

  it('lose no write of 200 PATCHes of one record and 200 resumes of one result spread over both', async () => {
    const [one, two] = await replicas()
    expect((await control(one, 'POST', '/workflows', fixtureOf(waitingOn(200)))).status).toBe(200)
    const patches = await Promise.all(
      Array.from({ length: 200 }, (_, index) => patch(index % 2 ? one : two, DOC_ID, 1000 + index))
    )
    expect(patches.map((response) => response.status)).toEqual(Array(200).fill(200))
    const acknowledged = new Set(Array.from({ length: 200 }, (_, index) => 1000 + index))
    expect(acknowledged.has((await read(two)).workflowVersion as number)).toBe(true)

    const root = '/beta/identityGovernance/lifecycleWorkflows/workflows/w/userProcessingResults/big'
    const resumes = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        fetch(`${index % 2 ? one : two}${root}/taskProcessingResults/t${index}-r/resume`, {
          method: 'POST',
          headers: WRITER,
          body: JSON.stringify({ data: { operationStatus: index % 4 === 0 ? 'Failed' : 'Completed' } })
        })
      )
    )
    expect(resumes.map((response) => response.status)).toEqual(Array(200).fill(204))
    expect(await read(one, root)).toMatchObject({
      failedTasksCount: 50,
      totalUnprocessedTasksCount: 0,
      processingStatus: 'completedWithErrors'
    })
  })

  it('answer 503 while Redis is down, then serve again by themselves, with no acknowledged write lost', async () => {
    const [one, two] = await replicas()
    const ids = Array.from({ length: 8 }, (_, index) => `rec-${index}`)
    const seeded = await control(
      one,
      'PUT',
      '/userProcessingResults',
      ids.map((id) => makeRecord(id))
    )
    expect(seeded.status).toBe(200)
    const acknowledged = new Map<string, number>()
    const attempted = new Map<string, number>()
    const statuses = new Set<number>()
    let done = false
    /** Each record written by one writer at a time, each write one version up. */
    const writer = async (id: string, index: number) => {
      for (let version = 2; version < 5000 && !done; version++) {
        attempted.set(id, version)
        const response = await patch(index % 2 ? one : two, id, version)
        statuses.add(response.status)
        if (response.status === 200) acknowledged.set(id, version)
        else expect(response.status).toBe(503)
        if (response.status === 503) await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
    const writers = Promise.all(ids.map(writer))
    await new Promise((resolve) => setTimeout(resolve, 200))
    await redis.stop('SIGKILL')
    await new Promise((resolve) => setTimeout(resolve, 500))
    await redis.start()
    const ready = async (url: string) => {
      for (let attempt = 0; attempt < 200; attempt++) {
        if ((await fetch(`${url}/_mock/ready`)).status === 200) return
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      throw new Error(`${url} was not ready again`)
    }
    await Promise.all([ready(one), ready(two)])
    done = true
    await writers

    expect(statuses).toEqual(new Set([200, 503]))
    expect((await patch(one, 'rec-0', 9999)).status).toBe(200)
    acknowledged.set('rec-0', 9999)
    attempted.set('rec-0', 9999)
    const stored = (await (await control(two, 'GET', '/userProcessingResults')).json()) as {
      id: string
      workflowVersion: number
    }[]
    for (const id of ids) {
      const version = stored.find((record) => record.id === id)?.workflowVersion ?? 0
      expect(version).toBeGreaterThanOrEqual(acknowledged.get(id) ?? 0)
      expect(version).toBeLessThanOrEqual(attempted.get(id) ?? 0)
    }
  })
})

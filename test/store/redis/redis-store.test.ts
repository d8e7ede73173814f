import fc from 'fast-check'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TaskProcessingResult } from '../../../src/model/task-processing-result.js'
import type { LifecycleStore } from '../../../src/store/lifecycle-store.js'
import { MemoryStore } from '../../../src/store/memory-store.js'
import { RedisConnection } from '../../../src/store/redis/redis-connection.js'
import { RedisStore } from '../../../src/store/redis/redis-store.js'
import type { World } from '../../../src/store/world.js'
import { SILENT_LOG } from '../../helpers/backends.js'
import { makeRecord } from '../../helpers/odata.js'
import { type RedisServer, startRedisServer } from '../../helpers/redis-server.js'
import { customTask, makeTask, makeTaskResult, smallWorld, waitingOn } from '../../helpers/world.js'

let redis: RedisServer
let deployments = 0
const connections: RedisConnection[] = []
beforeAll(async () => {
  redis = await startRedisServer()
})
afterEach(async () => {
  for (const connection of connections.splice(0)) await connection.close()
})
afterAll(async () => {
  await redis.close()
})

/** `count` replicas of a new deployment, each with its own connection, seeded with the same world. */
async function replicas(count: number, seed: World): Promise<RedisStore[]> {
  const prefix = `store-${++deployments}:`
  const stores: RedisStore[] = []
  for (let index = 0; index < count; index++) {
    const connection = await RedisConnection.open(redis.url, prefix, SILENT_LOG)
    connections.push(connection)
    stores.push(new RedisStore(connection, seed))
  }
  return stores
}

const AT = '2026-11-29T08:00:00Z'

describe('RedisStore replicas on one Redis', () => {
  it('keep every PATCH of a new tenant whose first writes reach both at once', async () => {
    const records = Array.from({ length: 50 }, (_, index) => makeRecord(`r${index}`))
    const [one, two] = (await replicas(2, { workflows: [], results: records, details: new Map() })) as [
      RedisStore,
      RedisStore
    ]
    await Promise.all(
      records.map((record, index) =>
        (index % 2 ? one : two).patch('fresh', record.id, { workflowVersion: index + 100 })
      )
    )
    const versions = (await two.list('fresh')).map((record) => record.workflowVersion)
    expect(versions).toEqual(records.map((_, index) => index + 100))
    expect(await one.tenants()).toEqual(['fresh'])
  })

  it('apply 200 resumes of one result spread over both, each exactly once, its counts exact', async () => {
    const [one, two] = (await replicas(2, waitingOn(200))) as [RedisStore, RedisStore]
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        (index % 2 ? one : two).resumeTask(
          'tenant',
          { workflowId: 'w', resultId: 'big', taskResultId: `t${index}-r` },
          { operationStatus: index % 4 === 0 ? 'failed' : 'completed', at: AT }
        )
      )
    )
    expect(answers.filter((answer) => 'refused' in answer)).toEqual([])
    const result = await one.get('tenant', 'big')
    expect(result).toMatchObject({
      failedTasksCount: 50,
      totalUnprocessedTasksCount: 0,
      processingStatus: 'completedWithErrors',
      completedDateTime: AT
    })
    const [detail] = await two.detailsOf('tenant', ['big'])
    const statuses = detail?.taskProcessingResults.map((taskResult) => taskResult.processingStatus)
    expect(statuses?.filter((status) => status === 'failed')).toHaveLength(50)
    expect(statuses?.filter((status) => status === 'completed')).toHaveLength(150)
  })

  it('read a PATCH through one replica from the other, and reset it through either', async () => {
    const [one, two] = (await replicas(2, smallWorld())) as [RedisStore, RedisStore]
    await one.patch('t', 'wait', { workflowVersion: 9 })
    expect((await two.get('t', 'wait'))?.workflowVersion).toBe(9)
    await two.reset()
    expect((await one.get('t', 'wait'))?.workflowVersion).toBe(1)
    expect(await one.tenants()).toEqual([])
  })

  it('lays its keys out per tenant under the prefix', async () => {
    const [store] = (await replicas(1, smallWorld())) as [RedisStore]
    await store.patch('a:b', 'wait', { workflowVersion: 9 })
    const [connection] = connections as [RedisConnection]
    const keys = await connection.run((client) => client.keys(`${connection.prefix}*`))
    const names = [
      'results',
      'order',
      'task-results',
      'reprocessed',
      'workflows',
      'workflow-order',
      'tasks',
      'owners'
    ]
    expect(keys.sort()).toEqual(
      [
        `${connection.prefix}tenants`,
        ...names.map((name) => `${connection.prefix}tenant:a%3Ab:${name}`)
      ].sort()
    )
  })
})

const statusArb = fc.constantFrom<TaskProcessingResult['processingStatus']>(
  'queued',
  'inProgress',
  'completed',
  'failed'
)

/** A workflow of 1 to 5 tasks (custom or not, continuing on error or not) and one result with a task result each. */
const worldArb = fc
  .array(fc.record({ custom: fc.boolean(), continueOnError: fc.boolean(), status: statusArb }), {
    minLength: 1,
    maxLength: 5
  })
  .map((specs): World => {
    const base = waitingOn(0)
    const tasks = specs.map(({ custom, continueOnError }, index) =>
      (custom ? customTask : makeTask)(`t${index}`, index + 1, { continueOnError })
    )
    const taskResults = specs.map(({ status }, index) => makeTaskResult(`t${index}-r`, `t${index}`, status))
    const pending = specs.filter(({ status }) => status === 'queued' || status === 'inProgress').length
    const big = makeRecord('big', {
      processingStatus: 'inProgress',
      completedDateTime: null,
      totalTasksCount: specs.length,
      totalUnprocessedTasksCount: pending,
      failedTasksCount: specs.filter(({ status }) => status === 'failed').length
    })
    return {
      workflows: [{ ...(base.workflows[0] as World['workflows'][number]), tasks }],
      results: [big],
      details: new Map([['big', { taskProcessingResults: taskResults, reprocessedRunIds: [] }]])
    }
  })

const resumeArb = fc.record({
  taskResult: fc.integer({ min: 0, max: 5 }),
  status: fc.constantFrom<'completed' | 'failed'>('completed', 'failed'),
  workflowId: fc.constantFrom('w', 'nope')
})

describe('RedisStore against MemoryStore', () => {
  it('resumes task results as the memory store does: the same answers, the same world after', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, fc.array(resumeArb, { maxLength: 6 }), async (world, resumes) => {
        const memory: LifecycleStore = new MemoryStore(world)
        const [redisStore] = (await replicas(1, world)) as [RedisStore]
        for (const { taskResult, status, workflowId } of resumes) {
          const address = { workflowId, resultId: 'big', taskResultId: `t${taskResult}-r` }
          const outcome = { operationStatus: status, at: AT }
          expect(await redisStore.resumeTask('t', address, outcome)).toEqual(
            await memory.resumeTask('t', address, outcome)
          )
        }
        const [expected, actual] = [await memory.world('t'), await redisStore.world('t')]
        expect(actual).toEqual(expected)
        await connections.splice(0).at(0)?.close()
      }),
      { numRuns: 40 }
    )
  })
})

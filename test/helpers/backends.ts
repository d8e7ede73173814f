import { afterAll, afterEach, beforeAll } from 'vitest'
import type { Config } from '../../src/config.js'
import type { FaultRuleState } from '../../src/control/faults/fault-rule-state.js'
import { MemoryFaultRules } from '../../src/control/faults/memory-fault-rules.js'
import { RedisFaultRules } from '../../src/control/faults/redis-fault-rules.js'
import type { Journal } from '../../src/control/journal/journal.js'
import { MemoryJournal } from '../../src/control/journal/memory-journal.js'
import { RedisJournal } from '../../src/control/journal/redis-journal.js'
import { MemoryThrottleWindows } from '../../src/control/throttle/memory-throttle-windows.js'
import { RedisThrottleWindows } from '../../src/control/throttle/redis-throttle-windows.js'
import type { RateLimit, ThrottleWindows } from '../../src/control/throttle/throttle-windows.js'
import { MemoryPageLinks, type PageLinks } from '../../src/control/verify/page-links.js'
import { RedisPageLinks } from '../../src/control/verify/redis-page-links.js'
import type { NamedFaultRule } from '../../src/model/control/fault-rule.js'
import type { UserProcessingResult } from '../../src/model/user-processing-result.js'
import type { LifecycleStore } from '../../src/store/lifecycle-store.js'
import { MemoryStore } from '../../src/store/memory-store.js'
import { RedisConnection } from '../../src/store/redis/redis-connection.js'
import { RedisStore } from '../../src/store/redis/redis-store.js'
import { type World, worldOfResults } from '../../src/store/world.js'
import { type TestServer, testServer } from './graph-server.js'
import { CLASSIFY } from './journal-records.js'
import { type RedisServer, startRedisServer } from './redis-server.js'
import { SILENT_LOG } from './silent-log.js'

export { SILENT_LOG }

/** Where a suite keeps the shared state: each test runs once per backend (describe.each). */
export interface Backend {
  name: 'memory' | 'redis'
  /** Server options for a deployment of its own: with Redis, a key prefix nothing else in the file uses. */
  config(): Partial<Config>
  /** A test server of a deployment of its own, with these options (closed by the test). */
  server(overrides?: Partial<Config>, deps?: Parameters<typeof testServer>[1]): Promise<TestServer>
  faultRules(startup?: readonly NamedFaultRule[], defaultSeed?: number): Promise<FaultRuleState>
  throttleWindows(limit: RateLimit): Promise<ThrottleWindows>
  /** A journal that classifies requests as test/helpers/journal-records.ts does. */
  journal(capacity: number): Promise<Journal>
  pageLinks(): Promise<PageLinks>
  /** A store seeded with a world, or with results alone; with Redis, of a deployment of its own. */
  store(
    seed?: World | readonly UserProcessingResult[],
    options?: { maxTenants?: number }
  ): Promise<LifecycleStore>
}

const worldFrom = (seed: World | readonly UserProcessingResult[]): World =>
  Array.isArray(seed) ? worldOfResults(seed) : (seed as World)

/**
 * The memory and the Redis backend, for `describe.each(bothBackends())('… ($name)', …)`. Registers hooks in the
 * calling file: a redis-server of its own for the whole file, and the connections of each test closed after it.
 */
export function bothBackends(): Backend[] {
  let server: RedisServer | undefined
  let deployments = 0
  const connections: RedisConnection[] = []
  const closing: (() => Promise<void>)[] = []
  beforeAll(async () => {
    server = await startRedisServer()
  })
  afterEach(async () => {
    for (const close of closing.splice(0)) await close()
    for (const connection of connections.splice(0)) await connection.close()
  })
  afterAll(async () => {
    await server?.close()
  })
  const redisOptions = () => {
    if (server === undefined) throw new Error('the redis-server of the file is not running')
    return { redisUrl: server.url, redisPrefix: `test-${++deployments}:` }
  }
  const connect = async () => {
    const { redisUrl, redisPrefix } = redisOptions()
    const connection = await RedisConnection.open(redisUrl, redisPrefix, SILENT_LOG)
    connections.push(connection)
    return connection
  }
  const redisJournal = (connection: RedisConnection, capacity: number) => {
    const journal = new RedisJournal(connection, capacity, CLASSIFY)
    closing.push(() => journal.close())
    return journal
  }

  return [
    {
      name: 'memory',
      config: () => ({}),
      server: (overrides = {}, deps = {}) => testServer(overrides, deps),
      faultRules: async (startup = [], defaultSeed = 0) => new MemoryFaultRules(startup, defaultSeed),
      throttleWindows: async (limit) => new MemoryThrottleWindows(limit),
      journal: async (capacity) => new MemoryJournal(capacity, CLASSIFY),
      pageLinks: async () => new MemoryPageLinks(),
      store: async (seed = [], options = {}) => new MemoryStore(seed, options)
    },
    {
      name: 'redis',
      config: redisOptions,
      server: (overrides = {}, deps = {}) => testServer({ ...redisOptions(), ...overrides }, deps),
      faultRules: async (startup = [], defaultSeed = 0) =>
        RedisFaultRules.open(await connect(), startup, defaultSeed, SILENT_LOG),
      throttleWindows: async (limit) => new RedisThrottleWindows(await connect(), limit),
      journal: async (capacity) => redisJournal(await connect(), capacity),
      pageLinks: async () => new RedisPageLinks(await connect()),
      store: async (seed = [], options = {}) => new RedisStore(await connect(), worldFrom(seed), options)
    }
  ]
}

/**
 * A redis-server for the file (started before its tests, stopped after them) and the test servers a test starts
 * on it, closed after each test: push every server started into `running`.
 */
export function redisForFile(): { readonly url: string; running: TestServer[] } {
  let redis: RedisServer | undefined
  const running: TestServer[] = []
  beforeAll(async () => {
    redis = await startRedisServer()
  })
  afterEach(async () => {
    for (const server of running.splice(0)) await server.app.close()
  })
  afterAll(async () => {
    await redis?.close()
  })
  return {
    get url() {
      if (redis === undefined) throw new Error('redis-server is started before the tests only')
      return redis.url
    },
    running
  }
}

import type { LuaScript, RedisConnection, RedisLog, ScriptCall } from '../../store/redis/redis-connection.js'
import type { RedisStore } from '../../store/redis/redis-store.js'
import { TenantLimitError } from '../../store/tenant-limit.js'
import { RedisFaultRules } from '../faults/redis-fault-rules.js'
import { RedisJournal } from '../journal/redis-journal.js'
import { RedisThrottleWindows } from '../throttle/redis-throttle-windows.js'
import { RedisPageLinks } from '../verify/redis-page-links.js'
import type { MockState, SnapshotParts, StateOptions } from './mock-state.js'

/** KEYS[1]: the mark of a state file restored. Refuses when it is there. */
const UNLESS_RESTORED: LuaScript = {
  name: 'glmStateUnlessRestored',
  keys: 1,
  lua: `
if redis.call('EXISTS', KEYS[1]) == 1 then return { 'refused', 'restored' } end
return 0`
}

/** KEYS[1]: the mark of a state file restored. Sets it. */
const MARK_RESTORED: LuaScript = {
  name: 'glmStateMarkRestored',
  keys: 1,
  lua: `
redis.call('SET', KEYS[1], '1')
return 0`
}

/**
 * The state in Redis, shared by every replica (the store serves tenants without a copy from this replica's seed). A
 * change that spans several parts runs their scripts as one (RedisConnection.atomically): no replica sees it half
 * done, and a connection lost on the way changes nothing.
 */
export async function redisState(
  redis: RedisConnection,
  store: RedisStore,
  options: StateOptions,
  log: RedisLog
): Promise<MockState> {
  const { startupFaults, defaultSeed, rateLimit, journalSize, classify } = options
  const faults = await RedisFaultRules.open(redis, startupFaults, defaultSeed, log)
  const throttle = rateLimit === undefined ? undefined : new RedisThrottleWindows(redis, rateLimit)
  const journal = new RedisJournal(redis, journalSize, classify)
  const pageLinks = new RedisPageLinks(redis)
  const steps = (calls: (ScriptCall | undefined)[]) => calls.filter((call) => call !== undefined)
  const restoreCalls = ({ worlds, faults: rules, journal: requests }: SnapshotParts, tenant?: string) => [
    // The store's step comes first of these: it refuses, before any change, to go past --max-tenants.
    store.restoreCall(worlds, tenant),
    faults.restoreCall(rules, tenant),
    journal.restoreCall(requests, tenant)
  ]
  const mark = [redis.key('state-file', 'restored')]
  return {
    backend: redis,
    store,
    faults,
    throttle,
    journal,
    pageLinks,
    async reset(tenant) {
      await redis.atomically(
        steps([
          faults.resetCall(tenant),
          throttle?.clearCall(tenant),
          store.resetCall(tenant),
          journal.clearCall(tenant),
          pageLinks.clearCall(tenant)
        ])
      )
    },
    async restore(parts, tenant) {
      const { refused } = await redis.atomically(restoreCalls(parts, tenant))
      if (refused !== undefined) throw new TenantLimitError(tenant ?? '', store.maxTenants)
    },
    async restoreAtStart(parts) {
      // The first replica to start marks the deployment, with a file or without one yet; the mark stays while Redis
      // keeps its data, so that replicas started later, or restarted, leave the shared state as it is.
      const { refused } = await redis.atomically([
        { script: UNLESS_RESTORED, keys: mark, args: [] },
        ...(parts === undefined ? [] : restoreCalls(parts)),
        { script: MARK_RESTORED, keys: mark, args: [] }
      ])
      if (refused?.[1] === 'full') throw new TenantLimitError('', store.maxTenants)
      return refused === undefined && parts !== undefined
    },
    async close() {
      await journal.close()
      await redis.close()
    }
  }
}

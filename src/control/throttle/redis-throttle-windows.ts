import type { LuaScript, RedisConnection, ScriptCall } from '../../store/redis/redis-connection.js'
import { type RateLimit, retryAfterSeconds, type ThrottleWindows } from './throttle-windows.js'

/**
 * One fixed window per tenant and app: the first request starts it (its key expires with the window, on
 * Redis's clock, the same for every replica); requests over the limit are refused and not counted. Returns -1
 * to let the request through, else the milliseconds left in the window.
 */
const TAKE: LuaScript = {
  name: 'glmThrottleTake',
  keys: 1,
  lua: `
local allowed = tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[1])
if allowed then redis.call('INCR', KEYS[1]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  left = tonumber(ARGV[2])
end
if allowed then return -1 end
return left`
}

/** Deletes every key that matches the pattern, in one atomic step (SCAN pages inside the script). */
const CLEAR: LuaScript = {
  name: 'glmThrottleClear',
  keys: 0,
  lua: `
local cursor = '0'
repeat
  local page = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
  cursor = page[1]
  for _, key in ipairs(page[2]) do redis.call('DEL', key) end
until cursor == '0'
return 0`
}

/** Throttling windows in Redis, shared by every replica: keys `<prefix>throttle:<tenant>:<app>`. */
export class RedisThrottleWindows implements ThrottleWindows {
  constructor(
    readonly redis: RedisConnection,
    readonly limit: RateLimit
  ) {}

  async take(tenant: string, app: string): Promise<number | undefined> {
    const key = this.redis.key('throttle', tenant, app)
    const left = Number(await this.redis.script(TAKE, [key], [this.limit.limit, this.limit.windowMs]))
    return left < 0 ? undefined : retryAfterSeconds(left)
  }

  async clear(tenant?: string): Promise<void> {
    const { script, keys, args } = this.clearCall(tenant)
    await this.redis.script(script, keys, args)
  }

  /** `clear` as a step of a bigger atomic change. */
  clearCall(tenant?: string): ScriptCall {
    const pattern =
      tenant === undefined ? this.redis.keysBelow('throttle') : this.redis.keysBelow('throttle', tenant)
    return { script: CLEAR, keys: [], args: [pattern] }
  }
}

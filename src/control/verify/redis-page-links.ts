import type { LuaScript, RedisConnection, ScriptCall } from '../../store/redis/redis-connection.js'
import { issuedKey, MAX_PAGE_LINKS, type PageLinks, pagingKey, tenantPrefix } from './page-links.js'

// KEYS[1]: the links (sorted set, scored by last use), KEYS[2]: the use counter.

/** ARGV[1]: a link's key. Remembers it as used now; past the bound, the least recently used go. */
const ISSUE: LuaScript = {
  name: 'glmPageLinkIssue',
  keys: 2,
  lua: `
redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[2]), ARGV[1])
local over = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[2])
if over > 0 then redis.call('ZPOPMIN', KEYS[1], over) end
return 0`
}

/** ARGV[1]: a paging request's key. 1 (and used now) when it was handed out, else 0. */
const FOLLOW: LuaScript = {
  name: 'glmPageLinkFollow',
  keys: 2,
  lua: `
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[2]), ARGV[1])
return 1`
}

/** ARGV[1]: the prefix of one tenant's keys; '' for every link. */
const CLEAR: LuaScript = {
  name: 'glmPageLinkClear',
  keys: 2,
  lua: `
if ARGV[1] == '' then
  redis.call('DEL', KEYS[1], KEYS[2])
  return 0
end
for _, key in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if string.sub(key, 1, #ARGV[1]) == ARGV[1] then redis.call('ZREM', KEYS[1], key) end
end
return 0`
}

/** The page links in Redis, shared by every replica: a link handed out by one is followed through another. */
export class RedisPageLinks implements PageLinks {
  readonly #redis: RedisConnection
  readonly #keys: string[]

  constructor(redis: RedisConnection) {
    this.#redis = redis
    this.#keys = [redis.key('page-links', 'issued'), redis.key('page-links', 'uses')]
  }

  async issue(tenant: string, link: string): Promise<void> {
    await this.#redis.script(ISSUE, this.#keys, [issuedKey(tenant, link), MAX_PAGE_LINKS])
  }

  async follow(tenant: string, url: string): Promise<'followed' | 'invented' | undefined> {
    const key = pagingKey(tenant, url)
    if (key === undefined) return undefined
    return Number(await this.#redis.script(FOLLOW, this.#keys, [key])) === 1 ? 'followed' : 'invented'
  }

  async clear(tenant?: string): Promise<void> {
    const { script, keys, args } = this.clearCall(tenant)
    await this.#redis.script(script, keys, args)
  }

  /** `clear` as a step of a bigger atomic change. */
  clearCall(tenant?: string): ScriptCall {
    return { script: CLEAR, keys: this.#keys, args: [tenant === undefined ? '' : tenantPrefix(tenant)] }
  }
}

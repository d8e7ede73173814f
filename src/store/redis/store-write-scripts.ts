import type { LuaScript } from './redis-connection.js'
import { TENANT, WRITE } from './store-lua.js'

/** op: id, changes (JSON). Merges the changes into the record: 'done' and the record, or 'missing'. */
export const PATCH_RESULT: LuaScript = {
  name: 'glmStorePatch',
  keys: 1,
  lua: `${WRITE}
local current = redis.call('HGET', keys.results, op(1))
if not current then return { 'missing' } end
local record = cjson.decode(current)
for name, value in pairs(cjson.decode(op(2))) do record[name] = value end
local updated = cjson.encode(record)
redis.call('HSET', keys.results, op(1), updated)
return { 'done', updated }`
}

/** op: the records as a world's results part. Replaces every record; task results of records that go, go. */
export const REPLACE_RESULTS: LuaScript = {
  name: 'glmStoreReplace',
  keys: 1,
  lua: `${WRITE}
redis.call('DEL', keys.results, keys.order)
putResults(keys, ARGV, 5)
for _, id in ipairs(redis.call('HKEYS', keys['task-results'])) do
  if redis.call('HEXISTS', keys.results, id) == 0 then
    redis.call('HDEL', keys['task-results'], id)
    redis.call('HDEL', keys.reprocessed, id)
  end
end
return { 'done' }`
}

/** op: the records as a world's results part. Inserts or replaces them; new ones go last. */
export const UPSERT_RESULTS: LuaScript = {
  name: 'glmStoreUpsert',
  keys: 1,
  lua: `${WRITE}
putResults(keys, ARGV, 5)
return { 'done' }`
}

/** op: a world. Replaces all the tenant sees (it needs no copy of the seed first). */
export const REPLACE_WORLD: LuaScript = {
  name: 'glmStoreReplaceWorld',
  keys: 1,
  lua: `${TENANT}
local refused = admit(ARGV[1], ARGV[2], tonumber(ARGV[3]))
if refused then return refused end
local keys = keysOf(ARGV[2])
drop(keys)
putWorld(keys, ARGV, 5)
return { 'done' }`
}

/**
 * op: a world. Replaces the workflows it names, with the results they list, and keeps the others; refuses with
 * 'conflict', the result id and the workflow that keeps it (false: the default one), changing nothing.
 */
export const UPSERT_WORLD: LuaScript = {
  name: 'glmStoreUpsertWorld',
  keys: 1,
  lua: `${WRITE}
local replaced, at = {}, 5
for _ = 1, tonumber(ARGV[at]) do
  replaced[ARGV[at + 1]] = true
  at = at + 4 + tonumber(ARGV[at + 4])
end
at = at + 1
local dropped = {}
local owners = redis.call('HGETALL', keys.owners)
for i = 1, #owners, 2 do
  if replaced[owners[i + 1]] then dropped[owners[i]] = true end
end
for i = at + 1, at + 2 * tonumber(ARGV[at]), 2 do
  local id = ARGV[i]
  if redis.call('HEXISTS', keys.results, id) == 1 and not dropped[id] then
    return { 'conflict', id, redis.call('HGET', keys.owners, id) }
  end
end
for id in pairs(dropped) do
  removeResult(keys, id)
  redis.call('HDEL', keys.owners, id)
end
putWorld(keys, ARGV, 5)
return { 'done' }`
}

/** ARGV[1]: a tenant, whose copy goes; '' for every tenant. */
export const RESET_TENANTS: LuaScript = {
  name: 'glmStoreReset',
  keys: 1,
  lua: `${TENANT}
if ARGV[1] == '' then forgetAll() else forget(ARGV[1]) end
return { 'done' }`
}

/**
 * ARGV: a tenant or '' (every tenant), --max-tenants, the number of worlds, then per world its tenant, the start of
 * its keys, the number of its arguments and the world. Returns the tenant (or every tenant) to the seed, then gives
 * each its world; refuses with 'full' first, changing nothing, when that needs more copies than allowed.
 */
export const RESTORE_TENANTS: LuaScript = {
  name: 'glmStoreRestore',
  keys: 1,
  lua: `${TENANT}
local scope, limit, count = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
if scope == '' and count > limit then return { 'refused', 'full', limit } end
if scope ~= '' and count > 0 and redis.call('HEXISTS', KEYS[1], scope) == 0 and redis.call('HLEN', KEYS[1]) >= limit then
  return { 'refused', 'full', limit }
end
if scope == '' then forgetAll() else forget(scope) end
local at = 4
for _ = 1, count do
  local tenant, start, size = ARGV[at], ARGV[at + 1], tonumber(ARGV[at + 2])
  redis.call('HSET', KEYS[1], tenant, start)
  local keys = keysOf(start)
  drop(keys)
  putWorld(keys, ARGV, at + 3)
  at = at + 3 + size
end
return { 'done' }`
}

import type { LuaScript } from '../../store/redis/redis-connection.js'
import { DRAWS_PER_MATCH } from './compiled-rule.js'
import { MULBERRY32_LUA } from './mulberry32-lua.js'

// The fault rules' keys, the same four for every script: KEYS[1] rules (hash id -> {"rule","seed"} JSON),
// KEYS[2] order (sorted set: added rules at -sequence, newest first; start-up rules at 1, 2, … after them),
// KEYS[3] remaining (hash id -> fires left, for rules with `times`), KEYS[4] matched (hash id -> matched requests).
const REMOVE = `
local function remove(id)
  redis.call('HDEL', KEYS[1], id)
  redis.call('ZREM', KEYS[2], id)
  redis.call('HDEL', KEYS[3], id)
  redis.call('HDEL', KEYS[4], id)
end
`

/** ARGV: the stored rule, its `times` or ''. KEYS[5]: the id sequence. Returns the new id. */
export const ADD_RULE: LuaScript = {
  name: 'glmFaultAdd',
  keys: 5,
  lua: `
local sequence = redis.call('INCR', KEYS[5])
local id = tostring(sequence)
redis.call('HSET', KEYS[1], id, ARGV[1])
redis.call('ZADD', KEYS[2], -sequence, id)
if ARGV[2] ~= '' then redis.call('HSET', KEYS[3], id, ARGV[2]) end
return id`
}

/** Every rule in order, as id, stored rule, remaining ('' without `times`), matched requests. */
export const LIST_RULES: LuaScript = {
  name: 'glmFaultList',
  keys: 4,
  lua: `
local rows = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  rows[#rows + 1] = id
  rows[#rows + 1] = redis.call('HGET', KEYS[1], id)
  rows[#rows + 1] = redis.call('HGET', KEYS[3], id) or ''
  rows[#rows + 1] = redis.call('HGET', KEYS[4], id) or '0'
end
return rows`
}

/** ARGV[1]: a tenant, whose rules go; '' for every rule. */
export const CLEAR_RULES: LuaScript = {
  name: 'glmFaultClear',
  keys: 4,
  lua: `${REMOVE}
if ARGV[1] == '' then
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
  return 0
end
for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  if cjson.decode(redis.call('HGET', KEYS[1], id)).rule.tenant == ARGV[1] then remove(id) end
end
return 0`
}

/**
 * Installs the start-up rules. KEYS[5]: the start-up definition last installed. ARGV[1] `reset` (every rule goes,
 * the start-up ones come back with fresh counters) or `start` (a mock starting or reconnecting: nothing changes
 * when the same definition is installed, so a second replica or a restart neither duplicates the rules nor
 * restarts their draws; another definition replaces the start-up rules only). ARGV[2]: the definition; then
 * per rule its id, stored rule and `times` or ''. Returns 0 when nothing changed, 1 when installed, 2 when it
 * replaced another definition.
 */
export const INSTALL_STARTUP_RULES: LuaScript = {
  name: 'glmFaultInstallStartup',
  keys: 5,
  lua: `${REMOVE}
local installed = redis.call('GET', KEYS[5])
if ARGV[1] == 'start' and installed == ARGV[2] then return 0 end
if ARGV[1] == 'reset' then
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
else
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], 0, '+inf')) do remove(id) end
end
local position = 0
for i = 3, #ARGV, 3 do
  position = position + 1
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  redis.call('ZADD', KEYS[2], position, ARGV[i])
  if ARGV[i + 2] ~= '' then redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 2]) end
end
redis.call('SET', KEYS[5], ARGV[2])
if ARGV[1] == 'start' and installed then return 2 end
return 1`
}

/**
 * The rules a request matched (ARGV: their ids, in order), rolled atomically: each one still in force counts the
 * match, checks its rate with the match's first draw, and when it fires spends one of its `times` (and goes at
 * zero, so a rule never fires more often than `times` whichever replica asks). Stops after the first rule that
 * fires with a status. Returns id, match index of each rule that fired.
 */
export const DECIDE: LuaScript = {
  name: 'glmFaultDecide',
  keys: 4,
  lua: `${REMOVE}${MULBERRY32_LUA}
local fired = {}
for _, id in ipairs(ARGV) do
  local stored = redis.call('HGET', KEYS[1], id)
  if stored then
    local entry = cjson.decode(stored)
    local match = redis.call('HINCRBY', KEYS[4], id, 1) - 1
    local rate = entry.rule.rate
    if rate == nil or draw(entry.seed, match * ${DRAWS_PER_MATCH}) / 4294967296 < rate then
      if redis.call('HEXISTS', KEYS[3], id) == 1 and redis.call('HINCRBY', KEYS[3], id, -1) <= 0 then
        remove(id)
      end
      fired[#fired + 1] = id
      fired[#fired + 1] = match
      if entry.rule.status ~= nil then break end
    end
  end
end
return fired`
}

/**
 * Restores rules. KEYS[5]: the id sequence. ARGV[1]: '' to replace every rule, or a tenant whose rules are replaced;
 * then per rule, in the order they are consulted: its id ('' for a new one), stored rule, remaining ('' without
 * `times`) and matched requests. Numbered rules are consulted by their number, newest first, and the sequence moves
 * past them; new ids are handed out from the last rule up, so that the first gets the highest; the others (start-up
 * rules) come after the numbered ones, in their order.
 */
export const RESTORE_RULES: LuaScript = {
  name: 'glmFaultRestore',
  keys: 5,
  lua: `${REMOVE}
if ARGV[1] == '' then
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
else
  for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
    if cjson.decode(redis.call('HGET', KEYS[1], id)).rule.tenant == ARGV[1] then remove(id) end
  end
end
local count = (#ARGV - 1) / 4
for n = count, 1, -1 do
  local at = 2 + (n - 1) * 4
  local id, score = ARGV[at], n
  if id == '' then
    local sequence = redis.call('INCR', KEYS[5])
    id, score = tostring(sequence), -sequence
  elseif string.match(id, '^%d+$') then
    score = -tonumber(id)
    if tonumber(redis.call('GET', KEYS[5]) or '0') < tonumber(id) then redis.call('SET', KEYS[5], id) end
  end
  redis.call('HSET', KEYS[1], id, ARGV[at + 1])
  redis.call('ZADD', KEYS[2], score, id)
  if ARGV[at + 2] ~= '' then redis.call('HSET', KEYS[3], id, ARGV[at + 2]) end
  if ARGV[at + 3] ~= '0' then redis.call('HSET', KEYS[4], id, ARGV[at + 3]) end
end
return 0`
}

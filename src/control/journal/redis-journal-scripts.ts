import type { LuaScript } from '../../store/redis/redis-connection.js'

// The journal's keys, the same three for every script: KEYS[1] the requests (a stream; entry ids are `<seq>-0`,
// fields `t` tenant, `f` facts and verdict JSON, `e` entry JSON), KEYS[2] the last seq handed out, KEYS[3] how many
// entries newer ones pushed out since the journal was last cleared.
const APPEND = `
local function append(capacity, tenant, facts, entry)
  if capacity <= 0 then return 0 end
  local seq = redis.call('INCR', KEYS[2])
  if redis.call('XLEN', KEYS[1]) >= capacity then redis.call('INCR', KEYS[3]) end
  redis.call('XADD', KEYS[1], 'MAXLEN', capacity, seq .. '-0', 't', tenant, 'f', facts, 'e', entry)
  return seq
end
`

const FORGET = `
local function forget(tenant)
  if tenant == '' then
    redis.call('DEL', KEYS[1], KEYS[3])
    return
  end
  for _, item in ipairs(redis.call('XRANGE', KEYS[1], '-', '+')) do
    if item[2][2] == tenant then redis.call('XDEL', KEYS[1], item[1]) end
  end
end
`

/** ARGV: capacity, tenant, facts, entry. Returns the new entry's seq. */
export const ADD_REQUEST: LuaScript = {
  name: 'glmJournalAdd',
  keys: 3,
  lua: `${APPEND}
return append(tonumber(ARGV[1]), ARGV[2], ARGV[3], ARGV[4])`
}

/** ARGV[1]: a tenant whose entries go; '' for every entry (and the count of dropped ones). */
export const CLEAR_REQUESTS: LuaScript = {
  name: 'glmJournalClear',
  keys: 3,
  lua: `${FORGET}
forget(ARGV[1])
return 0`
}

/** ARGV: capacity, a tenant or '' (as CLEAR_REQUESTS), then per request its tenant, facts and entry, oldest first. */
export const RESTORE_REQUESTS: LuaScript = {
  name: 'glmJournalRestore',
  keys: 3,
  lua: `${FORGET}${APPEND}
forget(ARGV[2])
local capacity = tonumber(ARGV[1])
for i = 3, #ARGV, 3 do append(capacity, ARGV[i], ARGV[i + 1], ARGV[i + 2]) end
return 0`
}

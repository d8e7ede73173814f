/*
 * The Lua the store's scripts share. KEYS[1] is the tenants with a copy of their own (a hash: tenant id -> the start of its keys).
 * A tenant's keys are read from that start: results (hash id -> record JSON), order (sorted set of result ids by
 * position), task-results and reprocessed (hashes result id -> JSON list), workflows (hash id -> {workflow, runs}
 * JSON), workflow-order (list of ids), tasks (hash workflow id -> tasks JSON), owners (hash result id -> the id of
 * the workflow that lists it). Scripts derive them from the start rather than take them in KEYS, since a reset or
 * a restore touches tenants only Redis can name.
 *
 * A world travels as arguments: the workflows (count; per workflow id, {workflow, runs}, tasks, count and ids of
 * the results it lists), the results (count; per result id, record), the details (count; per result id, task
 * results, reprocessed runs).
 *
 * The writes of one tenant take ARGV[1] tenant, ARGV[2] the start of its keys, ARGV[3] --max-tenants, ARGV[4] the
 * number n of the operation's own arguments, ARGV[5..4+n] those, then (optionally) the seed as a world. A tenant
 * without a copy gets one from the seed in the same script, before the change, so that the first writes of two
 * replicas never race; without the seed the script refuses with 'no-copy' and changes nothing.
 */
export const TENANT = `
local NAMES = { 'results', 'order', 'task-results', 'reprocessed', 'workflows', 'workflow-order', 'tasks', 'owners' }

local function keysOf(start)
  local keys = {}
  for _, name in ipairs(NAMES) do keys[name] = start .. ':' .. name end
  return keys
end

local function drop(keys)
  for _, name in ipairs(NAMES) do redis.call('DEL', keys[name]) end
end

local function putWorkflows(keys, args, at)
  local count = tonumber(args[at])
  at = at + 1
  for _ = 1, count do
    local id = args[at]
    if redis.call('HEXISTS', keys.workflows, id) == 0 then redis.call('RPUSH', keys['workflow-order'], id) end
    redis.call('HSET', keys.workflows, id, args[at + 1])
    redis.call('HSET', keys.tasks, id, args[at + 2])
    local listed = tonumber(args[at + 3])
    for i = at + 4, at + 3 + listed do redis.call('HSET', keys.owners, args[i], id) end
    at = at + 4 + listed
  end
  return at
end

local function putResults(keys, args, at)
  local count = tonumber(args[at])
  at = at + 1
  local last = redis.call('ZRANGE', keys.order, -1, -1, 'WITHSCORES')
  local position = tonumber(last[2] or '0')
  for _ = 1, count do
    local id = args[at]
    redis.call('HSET', keys.results, id, args[at + 1])
    if not redis.call('ZSCORE', keys.order, id) then
      position = position + 1
      redis.call('ZADD', keys.order, position, id)
    end
    at = at + 2
  end
  return at
end

local function putDetails(keys, args, at)
  local count = tonumber(args[at])
  at = at + 1
  for _ = 1, count do
    redis.call('HSET', keys['task-results'], args[at], args[at + 1])
    redis.call('HSET', keys.reprocessed, args[at], args[at + 2])
    at = at + 3
  end
  return at
end

local function putWorld(keys, args, at)
  return putDetails(keys, args, putResults(keys, args, putWorkflows(keys, args, at)))
end

local function removeResult(keys, id)
  redis.call('HDEL', keys.results, id)
  redis.call('ZREM', keys.order, id)
  redis.call('HDEL', keys['task-results'], id)
  redis.call('HDEL', keys.reprocessed, id)
end

-- Room for the tenant's copy: nil when it has one or gets one now, else the refusal.
local function admit(tenant, start, limit)
  if redis.call('HEXISTS', KEYS[1], tenant) == 1 then return nil end
  if redis.call('HLEN', KEYS[1]) >= limit then return { 'refused', 'full', limit } end
  redis.call('HSET', KEYS[1], tenant, start)
  return nil
end

local function forget(tenant)
  local start = redis.call('HGET', KEYS[1], tenant)
  if start then drop(keysOf(start)) end
  redis.call('HDEL', KEYS[1], tenant)
end

local function forgetAll()
  for _, start in ipairs(redis.call('HVALS', KEYS[1])) do drop(keysOf(start)) end
  redis.call('DEL', KEYS[1])
end
`

/** The start of a write of one tenant (see above): its keys, its copy ensured, and its own arguments. */
export const WRITE = `${TENANT}
local keys = keysOf(ARGV[2])
local function op(i) return ARGV[4 + i] end
local function ensureCopy()
  if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return nil end
  local seedAt = 5 + tonumber(ARGV[4])
  if seedAt > #ARGV then return { 'refused', 'no-copy' } end
  local refused = admit(ARGV[1], ARGV[2], tonumber(ARGV[3]))
  if refused then return refused end
  drop(keys)
  putWorld(keys, ARGV, seedAt)
  return nil
end
local refused = ensureCopy()
if refused then return refused end
`

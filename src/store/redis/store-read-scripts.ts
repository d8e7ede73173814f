import type { LuaScript } from './redis-connection.js'
import { TENANT } from './store-lua.js'

/**
 * ARGV: tenant, the start of its keys, the parts to read (w: workflows, tasks and owners; r: every result in order;
 * d: every detail), then ids of results to read when not every one. Answers 'seed' for a tenant without a copy,
 * else 'copy' and the parts: the workflows (count; id, {workflow, runs}, tasks), owners (count; result id, workflow
 * id), results (count; id, record) and details (count; id, task results, reprocessed runs), each count 0 when not read.
 */
export const READ_TENANT: LuaScript = {
  name: 'glmStoreRead',
  keys: 1,
  lua: `${TENANT}
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return { 'seed' } end
local keys, parts = keysOf(ARGV[2]), ARGV[3]
local reply = { 'copy' }
local function add(value) reply[#reply + 1] = value end
if string.find(parts, 'w', 1, true) then
  local ids = redis.call('LRANGE', keys['workflow-order'], 0, -1)
  add(#ids)
  for _, id in ipairs(ids) do
    add(id)
    add(redis.call('HGET', keys.workflows, id))
    add(redis.call('HGET', keys.tasks, id))
  end
  local owners = redis.call('HGETALL', keys.owners)
  add(#owners / 2)
  for _, value in ipairs(owners) do add(value) end
else
  add(0)
  add(0)
end
local ids
if string.find(parts, 'r', 1, true) then ids = redis.call('ZRANGE', keys.order, 0, -1)
else ids = { unpack(ARGV, 4) } end
local countAt = #reply + 1
add(0)
local found = 0
for _, id in ipairs(ids) do
  local record = redis.call('HGET', keys.results, id)
  if record then
    add(id)
    add(record)
    found = found + 1
  end
end
reply[countAt] = found
if string.find(parts, 'd', 1, true) then
  local lists = redis.call('HGETALL', keys['task-results'])
  add(#lists / 2)
  for i = 1, #lists, 2 do
    add(lists[i])
    add(lists[i + 1])
    add(redis.call('HGET', keys.reprocessed, lists[i]) or '[]')
  end
else
  add(0)
end
return reply`
}

/** ARGV: tenant, the start of its keys, result ids. 'seed', or 'copy' and per id its task results and reprocessed runs (false when none). */
export const READ_DETAILS: LuaScript = {
  name: 'glmStoreDetails',
  keys: 1,
  lua: `${TENANT}
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return { 'seed' } end
local keys = keysOf(ARGV[2])
local reply = { 'copy' }
for i = 3, #ARGV do
  reply[#reply + 1] = redis.call('HGET', keys['task-results'], ARGV[i]) or false
  reply[#reply + 1] = redis.call('HGET', keys.reprocessed, ARGV[i]) or false
end
return reply`
}

/** ARGV: tenant, the start of its keys, an id. 'seed', or 'copy' and the record (false when there is none). */
export const READ_RESULT: LuaScript = {
  name: 'glmStoreGet',
  keys: 1,
  lua: `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return { 'seed' } end
return { 'copy', redis.call('HGET', ARGV[2] .. ':results', ARGV[3]) or false }`
}

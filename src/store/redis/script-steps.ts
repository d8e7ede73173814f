/** A Lua script, run with EVALSHA (and EVAL once when Redis lost its script cache, e.g. after a restart). */
export interface LuaScript {
  name: string
  keys: number
  lua: string
}

/** One script to run with its keys and arguments, alone or as a step of `atomically`. */
export interface ScriptCall {
  script: LuaScript
  keys: readonly string[]
  args: readonly (string | number)[]
}

/** What a step of `atomically` returns to stop the steps after it: a list that starts with this. */
export const REFUSED = 'refused'

/**
 * One script that runs several scripts' bodies in order, each with its own slice of KEYS and ARGV (ARGV[1..2n]
 * give each step's key and argument counts). A step that answers a list starting with 'refused' stops it there,
 * and that list is the answer; else the answer is 'done' followed by each step's answer.
 */
export function composite(scripts: readonly LuaScript[]): string {
  const steps = scripts.map(({ lua }) => `function(KEYS, ARGV)\n${lua}\nend`).join(',\n')
  return `
local function slice(list, from, count)
  local part = {}
  for i = 1, count do part[i] = list[from + i - 1] end
  return part
end
local steps = {
${steps}
}
local replies = { 'done' }
local nextKey, nextArg = 1, 2 * #steps + 1
for i, step in ipairs(steps) do
  local keyCount, argCount = tonumber(ARGV[2 * i - 1]), tonumber(ARGV[2 * i])
  local reply = step(slice(KEYS, nextKey, keyCount), slice(ARGV, nextArg, argCount))
  if type(reply) == 'table' and reply[1] == '${REFUSED}' then return reply end
  replies[i + 1] = reply or false
  nextKey, nextArg = nextKey + keyCount, nextArg + argCount
end
return replies`
}

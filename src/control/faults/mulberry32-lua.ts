import { MULBERRY32_STEP } from './prng.js'

/**
 * `draw(seed, index)`: drawUint32 of prng.ts in Redis's Lua 5.1 (numbers are doubles; `bit` does 32-bit
 * logic), so a script can roll a rule's dice where it counts the rule's matches. `imul` is Math.imul from 16-bit
 * halves, whose products a double holds exactly. test/control/faults/mulberry32-lua.test.ts compares the two.
 */
export const MULBERRY32_LUA = `
local function imul(a, b)
  local ah, al = bit.rshift(a, 16), bit.band(a, 0xffff)
  local bh, bl = bit.rshift(b, 16), bit.band(b, 0xffff)
  return bit.tobit(al * bl + bit.lshift(bit.tobit(ah * bl + al * bh), 16))
end

local function draw(seed, index)
  local state = bit.tobit(seed + imul(index + 1, ${MULBERRY32_STEP}))
  local mixed = imul(bit.bxor(state, bit.rshift(state, 15)), bit.bor(state, 1))
  mixed = bit.bxor(mixed, mixed + imul(bit.bxor(mixed, bit.rshift(mixed, 7)), bit.bor(mixed, 61)))
  local value = bit.bxor(mixed, bit.rshift(mixed, 14))
  if value < 0 then value = value + 4294967296 end
  return value
end
`

import fc from 'fast-check'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { MULBERRY32_LUA } from '../../../src/control/faults/mulberry32-lua.js'
import { drawUint32 } from '../../../src/control/faults/prng.js'
import { SEED } from '../../helpers/property-checks.js'
import { type RedisServer, startRedisServer } from '../../helpers/redis-server.js'

/** Every (seed, index) pair of ARGV drawn by the Lua generator, in one call. */
const DRAW_ALL = `${MULBERRY32_LUA}
local values = {}
for i = 1, #ARGV, 2 do values[#values + 1] = draw(tonumber(ARGV[i]), tonumber(ARGV[i + 1])) end
return values`

let server: RedisServer
let client: Redis
beforeAll(async () => {
  server = await startRedisServer()
  client = new Redis(server.url)
})
afterAll(async () => {
  client.disconnect()
  await server.close()
})

async function luaDraws(pairs: readonly (readonly [number, number])[]): Promise<number[]> {
  return (await client.eval(DRAW_ALL, 0, ...pairs.flat())) as number[]
}

it("Redis's Lua draws the very numbers prng.ts draws, for any seed and index", async () => {
  const seed = fc.nat({ max: 2 ** 32 - 1 })
  // Indexes of the first matches, and of rules that matched billions of requests.
  const index = fc.oneof(fc.nat({ max: 3000 }), fc.nat({ max: 2 ** 45 }))
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(seed, index), { minLength: 1, maxLength: 200 }), async (pairs) => {
      const expected = pairs.map(([pairSeed, pairIndex]) => drawUint32(pairSeed, pairIndex))
      expect(await luaDraws(pairs)).toEqual(expected)
    }),
    { seed: SEED, numRuns: 200 }
  )
})

it('agrees at the edges of the 32-bit range', async () => {
  const pairs = [
    [0, 0],
    [2 ** 32 - 1, 0],
    [2 ** 32 - 1, 2 ** 32 - 1],
    [0x6d2b79f5, 2 ** 31]
  ] as const
  expect(await luaDraws(pairs)).toEqual(pairs.map(([seed, index]) => drawUint32(seed, index)))
})

import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { FaultRuleState, FaultTarget } from '../../../src/control/faults/fault-rule-state.js'
import { MemoryFaultRules } from '../../../src/control/faults/memory-fault-rules.js'
import { RedisFaultRules } from '../../../src/control/faults/redis-fault-rules.js'
import { FAULT_STATUSES, type FaultRule } from '../../../src/model/control/fault-rule.js'
import { RedisConnection } from '../../../src/store/redis/redis-connection.js'
import { SILENT_LOG } from '../../helpers/backends.js'
import { SEED } from '../../helpers/property-checks.js'
import { type RedisServer, startRedisServer } from '../../helpers/redis-server.js'

let server: RedisServer
beforeAll(async () => {
  server = await startRedisServer()
})
afterAll(async () => {
  await server.close()
})

const option = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined })
const status = fc.constantFrom(...FAULT_STATUSES)
const delay = fc.nat({ max: 100 })

const ruleArbitrary: fc.Arbitrary<FaultRule> = fc
  .record(
    {
      method: option(fc.constantFrom('GET', 'patch')),
      path: option(fc.constantFrom('/beta/**', '/beta/workflowBase/*', '/beta/identityGovernance/**')),
      tenant: option(fc.constantFrom('a', 'b')),
      status: option(fc.oneof(status, fc.array(status, { minLength: 1, maxLength: 4 }))),
      retryAfter: option(fc.nat({ max: 10 })),
      delayMs: option(
        fc.oneof(
          delay,
          fc.tuple(delay, delay).map(([one, two]) => ({ min: Math.min(one, two), max: Math.max(one, two) }))
        )
      ),
      times: option(fc.integer({ min: 1, max: 4 })),
      rate: option(fc.double({ min: 0, max: 1, noNaN: true })),
      seed: option(fc.nat({ max: 2 ** 32 - 1 }))
    },
    { requiredKeys: [] }
  )
  .filter((rule) => rule.status !== undefined || rule.delayMs !== undefined)

const targetArbitrary: fc.Arbitrary<FaultTarget> = fc.record({
  method: fc.constantFrom('GET', 'PATCH'),
  path: fc.constantFrom('/beta/workflowBase/userProcessingResults', '/beta/identityGovernance/x'),
  tenant: fc.constantFrom('a', 'b')
})

/** What a backend answers to each request, and its rule list at the end. */
async function run(faults: FaultRuleState, rules: readonly FaultRule[], targets: readonly FaultTarget[]) {
  for (const rule of rules) await faults.add(rule)
  const answers = []
  for (const target of targets) {
    const outcome = await faults.decide(target)
    answers.push({
      delayMs: outcome?.delayMs,
      status: outcome?.error?.statusCode,
      retryAfter: outcome?.error?.headers['retry-after']
    })
  }
  return { answers, rules: await faults.list() }
}

it('memory and Redis give every request the same decision, and keep the same rules', async () => {
  let deployment = 0
  await fc.assert(
    fc.asyncProperty(
      fc.array(ruleArbitrary, { minLength: 1, maxLength: 5 }),
      fc.array(targetArbitrary, { minLength: 1, maxLength: 40 }),
      fc.nat({ max: 2 ** 32 - 1 }),
      async (rules, targets, defaultSeed) => {
        const startup = [{ id: 'start-up-latency', delayMs: { min: 0, max: 20 }, seed: defaultSeed }]
        const connection = await RedisConnection.open(server.url, `agree-${++deployment}:`, SILENT_LOG)
        try {
          const redis = await RedisFaultRules.open(connection, startup, defaultSeed, SILENT_LOG)
          const memory = new MemoryFaultRules(startup, defaultSeed)
          expect(await run(redis, rules, targets)).toEqual(await run(memory, rules, targets))
        } finally {
          await connection.close()
        }
      }
    ),
    { seed: SEED, numRuns: 150 }
  )
})

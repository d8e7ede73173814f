import { describe, expect, it } from 'vitest'
import { CompiledRule } from '../../../src/control/faults/compiled-rule.js'
import type { FaultRuleState, FaultTarget } from '../../../src/control/faults/fault-rule-state.js'
import type { FaultRule } from '../../../src/model/control/fault-rule.js'
import { DEFAULT_TENANT } from '../../../src/store/result-store.js'
import { bothBackends } from '../../helpers/backends.js'

const target: FaultTarget = {
  method: 'GET',
  path: '/beta/workflowBase/userProcessingResults/x',
  tenant: DEFAULT_TENANT
}

/** What each of `count` requests gets: the error's status (200 without one) and the delay. */
async function outcomes(faults: FaultRuleState, count: number, at: FaultTarget = target) {
  const seen: { status: number; delayMs: number }[] = []
  for (let index = 0; index < count; index++) {
    const outcome = await faults.decide(at)
    seen.push({ status: outcome?.error?.statusCode ?? 200, delayMs: outcome?.delayMs ?? 0 })
  }
  return seen
}

describe.each(bothBackends())('fault rules with the $name backend', (backend) => {
  it('adds up the delays of the rules that fire, until one fires with a status', async () => {
    const faults = await backend.faultRules([{ id: 'start-up-latency', delayMs: 5 }])
    await faults.add({ status: 503 })
    await faults.add({ delayMs: { min: 10, max: 10 } })
    const outcome = await faults.decide(target)
    expect(outcome?.delayMs).toBe(10)
    expect(outcome?.error?.statusCode).toBe(503)
  })

  it('removes a rule once its `times` are used up, and only counts the times it fired', async () => {
    const faults = await backend.faultRules()
    await faults.add({ status: 500, times: 2, rate: 0.5, seed: 3 })
    let fired = 0
    for (let index = 0; index < 100 && (await faults.list()).length > 0; index++) {
      if ((await faults.decide(target)) !== undefined) fired++
    }
    expect(fired).toBe(2)
    expect(await faults.decide(target)).toBeUndefined()
  })

  it("gives the n-th matching request the outcome of the rule's draws 3n to 3n+2, whatever else is asked", async () => {
    const rule: FaultRule = { rate: 0.6, status: [500, 502, 503], delayMs: { min: 1, max: 50 }, seed: 77 }
    const faults = await backend.faultRules()
    await faults.add({ ...rule, path: '/beta/workflowBase/**' })
    const compiled = new CompiledRule('1', rule, 77)
    const expected = Array.from({ length: 40 }, (_, match) => {
      if (!compiled.firesOn(match)) return { status: 200, delayMs: 0 }
      const { status, delayMs } = compiled.effectOn(match)
      return { status: status ?? 200, delayMs }
    })
    const seen: { status: number; delayMs: number }[] = []
    for (let index = 0; index < 40; index++) {
      // Requests the rule does not match take no draws.
      await faults.decide({ ...target, path: '/beta/identityGovernance/x' })
      seen.push(...(await outcomes(faults, 1)))
    }
    expect(seen).toEqual(expected)
    expect(new Set(seen.map(({ status }) => status))).toEqual(new Set([200, 500, 502, 503]))
  })

  it('lists rules newest first with unique ids, then the start-up rules; reset restores those with draws restarted', async () => {
    const faults = await backend.faultRules([
      { id: 'start-up-faults', rate: 0.5, status: [500, 503], seed: 11 }
    ])
    const first = await outcomes(faults, 30)
    const one = await faults.add({ status: 502, tenant: 'a' })
    const two = await faults.add({ delayMs: 1, times: 3 })
    expect(one.id).not.toBe(two.id)
    expect(await faults.list()).toEqual([
      { id: two.id, delayMs: 1, times: 3, remaining: 3 },
      { id: one.id, status: 502, tenant: 'a', remaining: null },
      { id: 'start-up-faults', rate: 0.5, status: [500, 503], seed: 11, remaining: null }
    ])
    await faults.reset()
    expect((await faults.list()).map((rule) => rule.id)).toEqual(['start-up-faults'])
    expect(await outcomes(faults, 30)).toEqual(first)
  })

  it("clears one tenant's rules (also through reset), or every rule, start-up ones included", async () => {
    const faults = await backend.faultRules([
      { id: 'start-up-latency', delayMs: { min: 1, max: 2 }, seed: 1 }
    ])
    await faults.add({ tenant: 'a', status: 500 })
    await faults.add({ tenant: 'b', status: 500 })
    await faults.add({ tenant: 'c', status: 500 })
    await faults.clear('a')
    await faults.reset('b')
    expect((await faults.list()).map((rule) => rule.tenant ?? rule.id)).toEqual(['c', 'start-up-latency'])
    expect((await faults.decide({ ...target, tenant: 'c' }))?.error?.statusCode).toBe(500)
    await faults.clear()
    expect(await faults.list()).toEqual([])
    expect(await faults.decide({ ...target, tenant: 'c' })).toBeUndefined()
  })

  it('takes the default seed for rules that name none', async () => {
    const seeded = await backend.faultRules([], 5)
    const explicit = await backend.faultRules([], 0)
    await seeded.add({ status: 503, rate: 0.5 })
    await explicit.add({ status: 503, rate: 0.5, seed: 5 })
    expect(await outcomes(seeded, 30)).toEqual(await outcomes(explicit, 30))
  })
})

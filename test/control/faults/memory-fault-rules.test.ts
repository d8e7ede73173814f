import { describe, expect, it } from 'vitest'
import { MemoryFaultRules } from '../../../src/control/faults/memory-fault-rules.js'
import { DEFAULT_TENANT } from '../../../src/store/result-store.js'

const target = { method: 'GET', path: '/beta/workflowBase/userProcessingResults/x', tenant: DEFAULT_TENANT }

describe('MemoryFaultRules', () => {
  it('adds up the delays of the rules that fire, until one fires with a status', async () => {
    const faults = new MemoryFaultRules([{ id: 'start-up-latency', delayMs: 5 }], 0)
    await faults.add({ status: 503 })
    await faults.add({ delayMs: { min: 10, max: 10 } })
    const outcome = await faults.decide(target)
    expect(outcome?.delayMs).toBe(10)
    expect(outcome?.error?.statusCode).toBe(503)
  })

  it('removes a rule once its `times` are used up, and only counts the times it fired', async () => {
    const faults = new MemoryFaultRules([], 0)
    await faults.add({ status: 500, times: 2, rate: 0.5, seed: 3 })
    let fired = 0
    for (let index = 0; index < 100 && (await faults.list()).length > 0; index++) {
      if ((await faults.decide(target)) !== undefined) fired++
    }
    expect(fired).toBe(2)
    expect(await faults.decide(target)).toBeUndefined()
  })

  it('reset restores the start-up rules with their draws restarted', async () => {
    const faults = new MemoryFaultRules(
      [{ id: 'start-up-faults', rate: 0.5, status: [500, 503], seed: 11 }],
      0
    )
    const run = async () => {
      const statuses: number[] = []
      for (let index = 0; index < 30; index++)
        statuses.push((await faults.decide(target))?.error?.statusCode ?? 200)
      return statuses
    }
    const first = await run()
    await faults.add({ status: 502 })
    await faults.reset()
    expect((await faults.list()).map((rule) => rule.id)).toEqual(['start-up-faults'])
    expect(await run()).toEqual(first)
  })
})

import { describe, expect, it } from 'vitest'
import { FaultRules } from '../../../src/control/faults/fault-rules.js'
import { mulberry32 } from '../../../src/control/faults/prng.js'
import { DEFAULT_TENANT } from '../../../src/store/result-store.js'

const target = { method: 'GET', path: '/beta/workflowBase/userProcessingResults/x', tenant: DEFAULT_TENANT }

describe('FaultRules', () => {
  it('adds up the delays of the rules that fire, until one fires with a status', () => {
    const faults = new FaultRules([{ id: 'start-up-latency', delayMs: 5 }], 0)
    faults.add({ status: 503 })
    faults.add({ delayMs: { min: 10, max: 10 } })
    const outcome = faults.decide(target)
    expect(outcome?.delayMs).toBe(10)
    expect(outcome?.error?.statusCode).toBe(503)
  })

  it('removes a rule once its `times` are used up, and only counts the times it fired', () => {
    const faults = new FaultRules([], 0)
    faults.add({ status: 500, times: 2, rate: 0.5, seed: 3 })
    let fired = 0
    for (let index = 0; index < 100 && faults.list().length > 0; index++) {
      if (faults.decide(target) !== undefined) fired++
    }
    expect(fired).toBe(2)
    expect(faults.decide(target)).toBeUndefined()
  })

  it('reset restores the start-up rules with their generators restarted', () => {
    const faults = new FaultRules([{ id: 'start-up-faults', rate: 0.5, status: [500, 503], seed: 11 }], 0)
    const run = () => Array.from({ length: 30 }, () => faults.decide(target)?.error?.statusCode ?? 200)
    const first = run()
    faults.add({ status: 502 })
    faults.reset()
    expect(faults.list().map((rule) => rule.id)).toEqual(['start-up-faults'])
    expect(run()).toEqual(first)
  })
})

describe('mulberry32', () => {
  it('gives the same numbers in [0, 1) for the same seed', () => {
    const a = mulberry32(123)
    const b = mulberry32(123)
    const numbers = Array.from({ length: 1000 }, () => a())
    expect(numbers).toEqual(Array.from({ length: 1000 }, () => b()))
    expect(numbers.every((value) => value >= 0 && value < 1)).toBe(true)
    expect(new Set(numbers).size).toBe(1000)
  })
})

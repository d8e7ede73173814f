import { describe, expect, it } from 'vitest'
import { planBatch } from '../../../src/graph/batch/plan-batch.js'
import { GraphError } from '../../../src/graph/errors/graph-error.js'
import type { BatchRequestItem } from '../../../src/model/batch.js'

/** `['1', '2:1']` → request 1, then request 2 depending on 1. */
function batchOf(specs: string[]): BatchRequestItem[] {
  return specs.map((spec) => {
    const [id = '', ...dependsOn] = spec.split(/[:,]/)
    return { id, method: 'GET', url: '/x', ...(spec.includes(':') ? { dependsOn } : {}) }
  })
}

function refusal(specs: string[]): string {
  try {
    planBatch(batchOf(specs))
  } catch (error) {
    expect(error).toBeInstanceOf(GraphError)
    expect((error as GraphError).statusCode).toBe(400)
    return (error as GraphError).message
  }
  throw new Error('the batch was accepted')
}

const dependencies = (specs: string[]) => planBatch(batchOf(specs)).map((step) => step.dependency)

describe('planBatch', () => {
  it.each([
    ['parallel', ['1', '2', '3'], [undefined, undefined, undefined]],
    ['serial', ['1', '2:1', '3:2'], [undefined, 0, 1]],
    ["serial, the docs' example order", ['1', '2:1', '4:2', '3:4'], [undefined, 0, 1, 2]],
    ['all on the first', ['a', 'b:a', 'c:a'], [undefined, 0, 0]],
    ['ids compared without case', ['a', 'b:A'], [undefined, 0]],
    ['one request', ['1'], [undefined]]
  ])('accepts %s and runs the requests in the array order', (_case, specs, expected) => {
    expect(dependencies(specs)).toEqual(expected)
    expect(planBatch(batchOf(specs)).map((step) => step.index)).toEqual(specs.map((_, index) => index))
  })

  it('takes an empty dependsOn for none', () => {
    const requests = batchOf(['1', '2']).map((item) => ({ ...item, dependsOn: [] }))
    expect(planBatch(requests).map((step) => step.dependency)).toEqual([undefined, undefined])
  })

  it.each([
    ['an unknown id', ['1', '2:9'], '2', '9'],
    ['a later request', ['1:2', '2'], '1', '2'],
    ['itself', ['1', '2:2'], '2', '2'],
    ['a cycle', ['1:3', '2:1', '3:2'], '1', '3']
  ])('refuses a dependency on %s', (_case, specs, id, dependency) => {
    expect(refusal(specs)).toBe(
      `Invalid dependency for request Id ${id}: '${dependency}' is not the id of a request before it in the batch.`
    )
  })

  it.each([
    ['partly parallel, partly serial', ['1', '3', '2:1', '4:2']],
    ['two dependencies', ['1', '2', '3:1,2']],
    ['a chain that skips one', ['1', '2:1', '3:1', '4:3']],
    ['the shared dependency not first', ['0', '1', '2:1', '3:1']]
  ])("refuses a batch %s with Graph's message", (_case, specs) => {
    expect(refusal(specs)).toBe('Batch should be either fully sequential or fully parallel.')
  })
})

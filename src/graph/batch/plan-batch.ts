import type { BatchRequestItem } from '../../model/batch.js'
import { batchMessages } from '../errors/batch-messages.js'
import { GraphError } from '../errors/graph-error.js'

/** A request of the batch, in the order it runs, with the index of the request it waits for (if any). */
export interface BatchStep {
  item: BatchRequestItem
  /** Its place in the batch's array. */
  index: number
  dependency: number | undefined
}

/** Where each `dependsOn` points: an earlier request of the batch, else Graph refuses the batch. */
function dependencyIndexes(requests: readonly BatchRequestItem[]): number[][] {
  const indexOf = new Map(requests.map(({ id }, index) => [id.toLowerCase(), index]))
  return requests.map((item, index) =>
    (item.dependsOn ?? []).map((dependency) => {
      const target = indexOf.get(dependency.toLowerCase())
      if (target === undefined || target >= index)
        throw GraphError.badRequest(batchMessages.invalidDependency(item.id, dependency))
      return target
    })
  )
}

/**
 * The three shapes Graph accepts (its known issues, and the SDKs' own checks): parallel (no dependencies),
 * serial (each request on the one before it), or all on the same first request.
 */
function hasAcceptedShape(dependencies: readonly number[][]): boolean {
  const dependsOnly = (expected: (index: number) => number) =>
    dependencies.every((targets, index) =>
      index === 0 ? targets.length === 0 : targets.length === 1 && targets[0] === expected(index)
    )
  return (
    dependencies.every((targets) => targets.length === 0) ||
    dependsOnly((index) => index - 1) ||
    dependsOnly(() => 0)
  )
}

/**
 * The order the requests run in. A dependency always comes earlier, so the array's order respects every one;
 * without dependencies Graph promises no order, and the mock keeps the array's, which makes runs repeatable.
 */
export function planBatch(requests: readonly BatchRequestItem[]): BatchStep[] {
  const dependencies = dependencyIndexes(requests)
  if (!hasAcceptedShape(dependencies)) throw GraphError.badRequest(batchMessages.mixedDependencies)
  return requests.map((item, index) => ({ item, index, dependency: dependencies[index]?.[0] }))
}

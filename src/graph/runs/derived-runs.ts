import type { Run } from '../../model/run.js'
import { deriveRun } from '../../store/derive/run-figures.js'
import type { LifecycleStore } from '../../store/lifecycle-store.js'
import type { StoredWorkflow } from '../../store/world.js'

/**
 * The runs of a workflow as Graph writes them, their figures derived from the results and task results as
 * they are now, so that a PATCH or a resume shows in the runs (and their summary) at once.
 */
export async function derivedRuns(
  store: LifecycleStore,
  tenant: string,
  { workflow, runs }: StoredWorkflow,
  only?: string
): Promise<Run[]> {
  const wanted = runs.filter((run) => only === undefined || run.id === only)
  if (wanted.length === 0) return []
  const results = await store.resultsOf(tenant, workflow.id)
  const details = await store.detailsOf(
    tenant,
    results.map((result) => result.id)
  )
  return wanted.map((run) => {
    const ids = new Set(run.userProcessingResultIds)
    const reached = results.flatMap((result, index) => (ids.has(result.id) ? [{ result, index }] : []))
    return deriveRun(
      run,
      reached.map(({ result }) => result),
      reached.flatMap(({ index }) => details[index]?.taskProcessingResults ?? [])
    )
  })
}

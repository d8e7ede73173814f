import type { UserProcessingResult } from '../model/user-processing-result.js'
import { applyResume, type Resumed, type ResumeOutcome, type ResumeRefusal } from './derive/resume.js'
import type { State } from './frozen-world.js'
import type { WorldConflict } from './lifecycle-store.js'
import type { TaskResultAddress } from './workflow-store.js'
import { DEFAULT_WORKFLOW_ID, NO_DETAIL, type World } from './world.js'

// Reads of one tenant's state, the same for every backend: the memory store's own state, or what the Redis store
// read of a tenant in one script (or the seed, for a tenant without a copy).

/** The workflow a result belongs to: the one that lists it, else the default workflow. */
export function ownerOf(state: State, resultId: string): string {
  return state.owners.get(resultId) ?? DEFAULT_WORKFLOW_ID
}

/** The results of a workflow, or of one run of it, in store order; empty for an unknown workflow or run. */
export function resultsIn(state: State, workflowId: string, runId?: string): UserProcessingResult[] {
  const stored = state.workflows.get(workflowId)
  if (stored === undefined) return []
  let run: ReadonlySet<string> | undefined
  if (runId !== undefined) {
    const found = stored.runs.find((candidate) => candidate.id === runId)
    if (found === undefined) return []
    run = new Set(found.userProcessingResultIds)
  }
  const reached: UserProcessingResult[] = []
  for (const record of state.results.values()) {
    if ((run === undefined || run.has(record.id)) && ownerOf(state, record.id) === workflowId) {
      reached.push(record)
    }
  }
  return reached
}

/** One result if it is reached through the workflow (or that run of it), else `undefined`. */
export function resultIn(
  state: State,
  workflowId: string,
  resultId: string,
  runId?: string
): UserProcessingResult | undefined {
  const record = state.results.get(resultId)
  if (record === undefined || ownerOf(state, resultId) !== workflowId) return undefined
  if (runId === undefined) return record
  const run = state.workflows.get(workflowId)?.runs.find((candidate) => candidate.id === runId)
  return run?.userProcessingResultIds.includes(resultId) ? record : undefined
}

/** What a resume would do to the state, or why it is refused. */
export function resumeIn(
  state: State,
  { workflowId, resultId, taskResultId }: TaskResultAddress,
  outcome: ResumeOutcome
): Resumed | ResumeRefusal {
  const result = state.results.get(resultId)
  const stored = state.workflows.get(workflowId)
  if (result === undefined || stored === undefined || ownerOf(state, resultId) !== workflowId) {
    return { refused: 'not-found', id: resultId }
  }
  const detail = state.details.get(resultId) ?? NO_DETAIL
  return applyResume(result, detail, stored.tasks, taskResultId, outcome)
}

/** Everything the state holds, as a world. */
export function worldIn(state: State): World {
  return {
    workflows: [...state.workflows.values()],
    results: [...state.results.values()],
    details: new Map(state.details)
  }
}

/** The results of the workflows a world replaces, which an upsert of it drops. */
export function droppedBy(state: State, world: World): Set<string> {
  const replaced = new Set(world.workflows.map(({ workflow }) => workflow.id))
  return new Set(
    [...state.owners].filter(([, workflowId]) => replaced.has(workflowId)).map(([resultId]) => resultId)
  )
}

/** A result id of the world that belongs to a workflow an upsert of it would keep. */
export function conflictIn(state: State, world: World): WorldConflict | undefined {
  const dropped = droppedBy(state, world)
  const kept = world.results.find((record) => state.results.has(record.id) && !dropped.has(record.id))
  return kept === undefined ? undefined : { resultId: kept.id, workflowId: ownerOf(state, kept.id) }
}

import type { UserProcessingResult } from '../model/user-processing-result.js'
import {
  DEFAULT_WORKFLOW_ID,
  defaultWorkflow,
  type ResultDetail,
  type StoredWorkflow,
  type World
} from './world.js'

/** One tenant's world as the memory store keeps it: frozen values in maps, insertion order kept. */
export interface State {
  workflows: ReadonlyMap<string, StoredWorkflow>
  results: Map<string, Readonly<UserProcessingResult>>
  details: Map<string, ResultDetail>
  /** Which workflow lists a result; a result no workflow lists belongs to the default workflow. */
  owners: ReadonlyMap<string, string>
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFreeze(member)
    Object.freeze(value)
  }
  return value
}

// Copies with Object.assign, not spread: V8 gives every frozen copy made by spread its own hidden class, about
// 350 bytes per record (35 MB for 100,000 records), and freezing it takes three times as long.
export function freezeRecord(record: UserProcessingResult): Readonly<UserProcessingResult> {
  const copy = Object.assign({}, record)
  if (record.subject !== undefined) copy.subject = Object.freeze(Object.assign({}, record.subject))
  return Object.freeze(copy)
}

export function freezeDetail(detail: ResultDetail): ResultDetail {
  return deepFreeze(structuredClone(detail))
}

export function freezeWorkflow(stored: StoredWorkflow): StoredWorkflow {
  return deepFreeze(structuredClone(stored))
}

export function ownersOf(workflows: Iterable<StoredWorkflow>): Map<string, string> {
  const owners = new Map<string, string>()
  for (const { workflow, resultIds } of workflows) for (const id of resultIds) owners.set(id, workflow.id)
  return owners
}

/** A world's workflows, with the default workflow first when the world does not declare it. */
export function workflowsOf(world: World): StoredWorkflow[] {
  const declared = world.workflows.some(({ workflow }) => workflow.id === DEFAULT_WORKFLOW_ID)
  return [...(declared ? [] : [defaultWorkflow()]), ...world.workflows]
}

/** A frozen copy of a world, with the default workflow added first when the world does not declare it. */
export function toState(world: World): State {
  const workflows = workflowsOf(world).map(freezeWorkflow)
  return {
    workflows: new Map(workflows.map((stored) => [stored.workflow.id, stored])),
    results: new Map(world.results.map((record) => [record.id, freezeRecord(record)])),
    details: new Map([...world.details].map(([id, detail]) => [id, freezeDetail(detail)])),
    owners: ownersOf(workflows)
  }
}

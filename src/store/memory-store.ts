import type { UserProcessingResult, UserProcessingResultChanges } from '../model/user-processing-result.js'
import { applyResume, type Resumed, type ResumeOutcome, type ResumeRefusal } from './derive/resume.js'
import { freezeDetail, freezeRecord, freezeWorkflow, ownersOf, type State, toState } from './frozen-world.js'
import type { LifecycleStore, WorldConflict } from './lifecycle-store.js'
import type { TaskResultAddress } from './workflow-store.js'
import {
  DEFAULT_WORKFLOW_ID,
  NO_DETAIL,
  type ResultDetail,
  type StoredWorkflow,
  type World,
  worldOfResults
} from './world.js'

type Part = 'results' | 'details'

/** A tenant's state and the maps it has copied from the seed (copy on write, per map). */
interface Tenant extends State {
  copied: Set<Part>
}

/**
 * The default store. Values are frozen and replaced, never mutated, so a reader holds either the old or the
 * new value. A tenant reads the shared seed until its first write, which copies the maps that write touches.
 * Every method does its work without awaiting in between, so each write is atomic.
 */
export class MemoryStore implements LifecycleStore {
  readonly #seed: State
  readonly #tenants = new Map<string, Tenant>()

  /** Seeded with a world, or with results alone (they belong to the default workflow). */
  constructor(seed: World | readonly UserProcessingResult[] = []) {
    this.#seed = toState(Array.isArray(seed) ? worldOfResults(seed) : (seed as World))
  }

  #read(tenant: string): State {
    return this.#tenants.get(tenant) ?? this.#seed
  }

  #write(tenant: string, ...parts: Part[]): Tenant {
    let state = this.#tenants.get(tenant)
    if (state === undefined) {
      state = { ...this.#seed, copied: new Set() }
      this.#tenants.set(tenant, state)
    }
    for (const part of parts) {
      if (state.copied.has(part)) continue
      if (part === 'results') state.results = new Map(state.results)
      else state.details = new Map(state.details)
      state.copied.add(part)
    }
    return state
  }

  #owner(state: State, resultId: string): string {
    return state.owners.get(resultId) ?? DEFAULT_WORKFLOW_ID
  }

  async get(tenant: string, id: string): Promise<UserProcessingResult | undefined> {
    return this.#read(tenant).results.get(id)
  }

  async list(tenant: string): Promise<UserProcessingResult[]> {
    return [...this.#read(tenant).results.values()]
  }

  async patch(
    tenant: string,
    id: string,
    changes: UserProcessingResultChanges
  ): Promise<UserProcessingResult | undefined> {
    const current = this.#read(tenant).results.get(id)
    if (current === undefined) return undefined
    // `current` is already a frozen copy (its subject too) and changes hold no subject: one copy is enough.
    const updated: UserProcessingResult = Object.freeze(Object.assign({}, current, changes))
    this.#write(tenant, 'results').results.set(id, updated)
    return updated
  }

  async replace(tenant: string, records: readonly UserProcessingResult[]): Promise<void> {
    const state = this.#write(tenant, 'details')
    state.results = new Map(records.map((record) => [record.id, freezeRecord(record)]))
    state.copied.add('results')
    for (const id of state.details.keys()) if (!state.results.has(id)) state.details.delete(id)
  }

  async upsert(tenant: string, records: readonly UserProcessingResult[]): Promise<void> {
    const target = this.#write(tenant, 'results').results
    for (const record of records) target.set(record.id, freezeRecord(record))
  }

  async reset(tenant?: string): Promise<void> {
    if (tenant === undefined) this.#tenants.clear()
    else this.#tenants.delete(tenant)
  }

  async listWorkflows(tenant: string): Promise<StoredWorkflow[]> {
    return [...this.#read(tenant).workflows.values()]
  }

  async getWorkflow(tenant: string, workflowId: string): Promise<StoredWorkflow | undefined> {
    return this.#read(tenant).workflows.get(workflowId)
  }

  async resultsOf(tenant: string, workflowId: string, runId?: string): Promise<UserProcessingResult[]> {
    const state = this.#read(tenant)
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
      if ((run === undefined || run.has(record.id)) && this.#owner(state, record.id) === workflowId) {
        reached.push(record)
      }
    }
    return reached
  }

  async resultOf(
    tenant: string,
    workflowId: string,
    resultId: string,
    runId?: string
  ): Promise<UserProcessingResult | undefined> {
    const state = this.#read(tenant)
    const record = state.results.get(resultId)
    if (record === undefined || this.#owner(state, resultId) !== workflowId) return undefined
    if (runId === undefined) return record
    const run = state.workflows.get(workflowId)?.runs.find((candidate) => candidate.id === runId)
    return run?.userProcessingResultIds.includes(resultId) ? record : undefined
  }

  async detailsOf(tenant: string, resultIds: readonly string[]): Promise<ResultDetail[]> {
    const { details } = this.#read(tenant)
    return resultIds.map((id) => details.get(id) ?? NO_DETAIL)
  }

  async resumeTask(
    tenant: string,
    { workflowId, resultId, taskResultId }: TaskResultAddress,
    outcome: ResumeOutcome
  ): Promise<Resumed | ResumeRefusal> {
    const state = this.#read(tenant)
    const result = state.results.get(resultId)
    const stored = state.workflows.get(workflowId)
    if (result === undefined || stored === undefined || this.#owner(state, resultId) !== workflowId) {
      return { refused: 'not-found', id: resultId }
    }
    const answer = applyResume(
      result,
      state.details.get(resultId) ?? NO_DETAIL,
      stored.tasks,
      taskResultId,
      outcome
    )
    if ('refused' in answer) return answer
    const target = this.#write(tenant, 'results', 'details')
    const resumed = { result: freezeRecord(answer.result), detail: freezeDetail(answer.detail) }
    target.results.set(resultId, resumed.result)
    target.details.set(resultId, resumed.detail)
    return resumed
  }

  async world(tenant: string): Promise<World> {
    const state = this.#read(tenant)
    return {
      workflows: [...state.workflows.values()],
      results: [...state.results.values()],
      details: new Map(state.details)
    }
  }

  async replaceWorld(tenant: string, world: World): Promise<void> {
    this.#tenants.set(tenant, { ...toState(world), copied: new Set(['results', 'details']) })
  }

  async upsertWorld(tenant: string, world: World): Promise<WorldConflict | undefined> {
    const state = this.#read(tenant)
    const replaced = new Set(world.workflows.map(({ workflow }) => workflow.id))
    const dropped = new Set(
      [...state.owners].filter(([, workflowId]) => replaced.has(workflowId)).map(([resultId]) => resultId)
    )
    for (const record of world.results) {
      if (state.results.has(record.id) && !dropped.has(record.id)) {
        return { resultId: record.id, workflowId: this.#owner(state, record.id) }
      }
    }
    const workflows = new Map(state.workflows)
    for (const stored of world.workflows) workflows.set(stored.workflow.id, freezeWorkflow(stored))
    const target = this.#write(tenant, 'results', 'details')
    for (const id of dropped) {
      target.results.delete(id)
      target.details.delete(id)
    }
    for (const record of world.results) target.results.set(record.id, freezeRecord(record))
    for (const [id, detail] of world.details) target.details.set(id, freezeDetail(detail))
    target.workflows = workflows
    target.owners = ownersOf(workflows.values())
    return undefined
  }
}

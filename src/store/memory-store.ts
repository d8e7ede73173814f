import type { UserProcessingResult, UserProcessingResultChanges } from '../model/user-processing-result.js'
import type { Resumed, ResumeOutcome, ResumeRefusal } from './derive/resume.js'
import { freezeDetail, freezeRecord, freezeWorkflow, ownersOf, type State, toState } from './frozen-world.js'
import type { LifecycleStore, WorldConflict } from './lifecycle-store.js'
import { DEFAULT_MAX_TENANTS, TenantLimitError } from './tenant-limit.js'
import { conflictIn, droppedBy, resultIn, resultsIn, resumeIn, worldIn } from './tenant-view.js'
import type { TaskResultAddress } from './workflow-store.js'
import { NO_DETAIL, type ResultDetail, type StoredWorkflow, type World, worldOfResults } from './world.js'

type Part = 'results' | 'details'

/** A tenant's state and the maps it has copied from the seed (copy on write, per map). */
interface Tenant extends State {
  copied: Set<Part>
}

export interface MemoryStoreOptions {
  /** Tenants with a copy of their own at once (`--max-tenants`). */
  maxTenants?: number
}

/**
 * The default store. Values are frozen and replaced, never mutated, so a reader holds either the old or the
 * new value. A tenant reads the shared seed until its first write, which copies the maps that write touches.
 * Every method does its work without awaiting in between, so each write is atomic.
 */
export class MemoryStore implements LifecycleStore {
  readonly maxTenants: number
  readonly #seed: State
  readonly #tenants = new Map<string, Tenant>()

  /** Seeded with a world, or with results alone (they belong to the default workflow). */
  constructor(seed: World | readonly UserProcessingResult[] = [], options: MemoryStoreOptions = {}) {
    this.#seed = toState(Array.isArray(seed) ? worldOfResults(seed) : (seed as World))
    this.maxTenants = options.maxTenants ?? DEFAULT_MAX_TENANTS
  }

  #read(tenant: string): State {
    return this.#tenants.get(tenant) ?? this.#seed
  }

  /** Room for one more tenant's copy, or TenantLimitError. */
  #admit(tenant: string, newTenants = 1): void {
    if (!this.#tenants.has(tenant) && this.#tenants.size + newTenants > this.maxTenants)
      throw new TenantLimitError(tenant, this.maxTenants)
  }

  #write(tenant: string, ...parts: Part[]): Tenant {
    let state = this.#tenants.get(tenant)
    if (state === undefined) {
      this.#admit(tenant)
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

  async tenants(): Promise<string[]> {
    return [...this.#tenants.keys()]
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
    return resultsIn(this.#read(tenant), workflowId, runId)
  }

  async resultOf(
    tenant: string,
    workflowId: string,
    resultId: string,
    runId?: string
  ): Promise<UserProcessingResult | undefined> {
    return resultIn(this.#read(tenant), workflowId, resultId, runId)
  }

  async detailsOf(tenant: string, resultIds: readonly string[]): Promise<ResultDetail[]> {
    const { details } = this.#read(tenant)
    return resultIds.map((id) => details.get(id) ?? NO_DETAIL)
  }

  async resumeTask(
    tenant: string,
    address: TaskResultAddress,
    outcome: ResumeOutcome
  ): Promise<Resumed | ResumeRefusal> {
    const answer = resumeIn(this.#read(tenant), address, outcome)
    if ('refused' in answer) return answer
    const target = this.#write(tenant, 'results', 'details')
    const resumed = { result: freezeRecord(answer.result), detail: freezeDetail(answer.detail) }
    target.results.set(address.resultId, resumed.result)
    target.details.set(address.resultId, resumed.detail)
    return resumed
  }

  async world(tenant: string): Promise<World> {
    return worldIn(this.#read(tenant))
  }

  async replaceWorld(tenant: string, world: World): Promise<void> {
    this.#admit(tenant)
    this.#tenants.set(tenant, { ...toState(world), copied: new Set(['results', 'details']) })
  }

  async upsertWorld(tenant: string, world: World): Promise<WorldConflict | undefined> {
    const state = this.#read(tenant)
    const conflict = conflictIn(state, world)
    if (conflict !== undefined) return conflict
    const dropped = droppedBy(state, world)
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

  async restore(worlds: ReadonlyMap<string, World>, tenant?: string): Promise<void> {
    const restored = [...worlds].filter(([name]) => tenant === undefined || name === tenant)
    if (tenant === undefined) {
      const over = restored[this.maxTenants]
      if (over !== undefined) throw new TenantLimitError(over[0], this.maxTenants)
      this.#tenants.clear()
    } else {
      if (restored.length > 0) this.#admit(tenant)
      this.#tenants.delete(tenant)
    }
    for (const [name, world] of restored)
      this.#tenants.set(name, { ...toState(world), copied: new Set(['results', 'details']) })
  }
}

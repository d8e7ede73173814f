import type { ResultStore } from './result-store.js'
import type { WorkflowStore } from './workflow-store.js'
import type { World } from './world.js'

/** A result id that an upsert would give to a second workflow. */
export interface WorldConflict {
  resultId: string
  workflowId: string
}

/**
 * The whole store the Graph routes and the control API use: results (the seed PATCH and the control API's
 * record seeding), the workflow tree, and the seeding of whole worlds. Every method is async and every write
 * one atomic operation, so a networked backend (Redis shared by replicas) implements it without touching
 * routes. A tenant reads the shared seed until its first write, which gives it a copy of its own; `reset` drops
 * the copy. At most `maxTenants` tenants have a copy at once: a write that would give one more tenant its copy
 * throws TenantLimitError and changes nothing.
 */
export interface LifecycleStore extends ResultStore, WorkflowStore {
  readonly maxTenants: number
  /** The tenants with a copy of their own (the others read the seed). */
  tenants(): Promise<string[]>
  /** Everything the tenant sees, e.g. to write it back as a fixture. */
  world(tenant: string): Promise<World>
  /** Replaces all the tenant sees. */
  replaceWorld(tenant: string, world: World): Promise<void>
  /**
   * Replaces the workflows the world names (with their tasks, runs, results and task results) and keeps the
   * others; refuses, changing nothing, when a result id of the world belongs to a workflow it keeps.
   */
  upsertWorld(tenant: string, world: World): Promise<WorldConflict | undefined>
  /**
   * Returns every tenant (or the one named) to the seed, then gives each tenant of `worlds` (or the one named, if
   * there) that world, in one step: a snapshot restored. More worlds than `maxTenants` (or a new tenant past it)
   * throw TenantLimitError first.
   */
  restore(worlds: ReadonlyMap<string, World>, tenant?: string): Promise<void>
}

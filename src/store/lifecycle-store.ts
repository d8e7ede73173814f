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
 * one atomic operation, so a networked backend (e.g. Redis shared by replicas) can implement it without
 * touching routes. A tenant reads the shared seed until its first write; `reset` drops its copy.
 */
export interface LifecycleStore extends ResultStore, WorkflowStore {
  /** Everything the tenant sees, e.g. to write it back as a fixture. */
  world(tenant: string): Promise<World>
  /** Replaces all the tenant sees. */
  replaceWorld(tenant: string, world: World): Promise<void>
  /**
   * Replaces the workflows the world names (with their tasks, runs, results and task results) and keeps the
   * others; refuses, changing nothing, when a result id of the world belongs to a workflow it keeps.
   */
  upsertWorld(tenant: string, world: World): Promise<WorldConflict | undefined>
}

import type { LifecycleStore } from '../../store/lifecycle-store.js'
import { WORKFLOW_SETS, workflowRoute } from './tree-paths.js'
import { TreeReader } from './tree-reader.js'

/** What the route modules of the tree get. */
export interface TreeRouteOptions {
  store: LifecycleStore
  /** Items per page when the client sends no $top. */
  pageSize: number
}

/** One place workflows live (`workflows`, or `deletedItems/workflows`), with the route of a workflow in it. */
export interface WorkflowSet {
  deleted: boolean
  collection: string
  workflow: string
}

/**
 * Registers the same routes below live and deleted workflows alike (Graph mirrors the sub-tree under
 * `deletedItems`), handing each a reader of the tree.
 */
export function inEveryWorkflowSet(
  store: LifecycleStore,
  register: (set: WorkflowSet, tree: TreeReader) => void
): void {
  const tree = new TreeReader(store)
  for (const { deleted, collection } of WORKFLOW_SETS) {
    register({ deleted, collection, workflow: workflowRoute(collection) }, tree)
  }
}

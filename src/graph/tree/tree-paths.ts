/** The Lifecycle Workflows tree's route paths and the entity-set paths `@odata.context` names. */

export const LCW = '/identityGovernance/lifecycleWorkflows'

/** Where workflows live: the workflows themselves, and the deleted ones (the same sub-tree below each). */
export const WORKFLOW_SETS = [
  { deleted: false, collection: `${LCW}/workflows` },
  { deleted: true, collection: `${LCW}/deletedItems/workflows` }
] as const

/** A workflow's route path in a set. */
export const workflowRoute = (collection: string) => `${collection}/:workflowId`

/** The two parents of userProcessingResults below a workflow: the workflow itself and one of its runs. */
export const resultSetRoutes = (workflow: string) => [
  `${workflow}/userProcessingResults`,
  `${workflow}/runs/:runId/userProcessingResults`
]

/** Every place Graph lists task results below a workflow: one result (of the workflow or a run), a run, a task. */
export const taskResultSetRoutes = (workflow: string) => [
  ...resultSetRoutes(workflow).map((results) => `${results}/:resultId/taskProcessingResults`),
  `${workflow}/runs/:runId/taskProcessingResults`,
  `${workflow}/tasks/:taskId/taskProcessingResults`
]

/** Where a request is in the tree, as its path names it. */
export interface TreeScope {
  deleted: boolean
  workflowId: string
  runId?: string | undefined
  resultId?: string | undefined
  taskId?: string | undefined
}

interface TreeParams {
  workflowId: string
  runId?: string
  resultId?: string
  taskId?: string
}

export function scopeOf(params: unknown, deleted: boolean): TreeScope {
  const { workflowId, runId, resultId, taskId } = params as TreeParams
  return { deleted, workflowId, runId, resultId, taskId }
}

/** The scope of a path below one result (its route has `:resultId`). */
export function resultScopeOf(params: unknown, deleted: boolean): TreeScope & { resultId: string } {
  const scope = scopeOf(params, deleted)
  return { ...scope, resultId: scope.resultId ?? '' }
}

/** An OData key segment: `('id')`, quotes doubled. */
export const key = (id: string) => `('${id.replaceAll("'", "''")}')`

export function workflowSetPath(deleted: boolean): string {
  return `identityGovernance/lifecycleWorkflows/${deleted ? 'deletedItems/' : ''}workflows`
}

/** The path of the entity a scope addresses: its workflow, then the run, result and task it names. */
export function scopePath(scope: TreeScope): string {
  let path = `${workflowSetPath(scope.deleted)}${key(scope.workflowId)}`
  if (scope.runId !== undefined) path += `/runs${key(scope.runId)}`
  if (scope.resultId !== undefined) path += `/userProcessingResults${key(scope.resultId)}`
  if (scope.taskId !== undefined) path += `/tasks${key(scope.taskId)}`
  return path
}

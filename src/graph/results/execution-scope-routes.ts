import type { FastifyInstance } from 'fastify'
import { TRIGGER_AND_SCOPE } from '../../model/execution-conditions.js'
import { UserProcessingResultEntitySchema } from '../../model/user-processing-result.js'
import type { StoredWorkflow } from '../../store/world.js'
import { WORKFLOW_READ_PERMISSIONS } from '../auth/permissions.js'
import { GraphError } from '../errors/graph-error.js'
import { collectionRoutes } from '../odata/collection-routes.js'
import { scopeOf, scopePath } from '../tree/tree-paths.js'
import { inEveryWorkflowSet, type TreeRouteOptions } from '../tree/tree-routes.js'
import { resultQueryTable } from './query-table.js'
import { resultEntities, resultEntity } from './result-entities.js'

const IN_SCOPE = new Set(['queued', 'inProgress'])

/**
 * Who a workflow targets now. Graph fills `executionScope` only for a scheduled workflow with trigger and
 * scope based conditions; the mock lists that workflow's results still queued or in progress (its own rule:
 * Graph does not say how it computes the list).
 */
function inScope(stored: StoredWorkflow): boolean {
  const { workflow } = stored
  return workflow.isSchedulingEnabled && workflow.executionConditions?.['@odata.type'] === TRIGGER_AND_SCOPE
}

/** `…/workflows/{id}/executionScope`: list, `/$count` and item, userProcessingResults like the others. */
export async function executionScopeRoutes(app: FastifyInstance, { store, pageSize }: TreeRouteOptions) {
  inEveryWorkflowSet(store, ({ deleted, workflow }, tree) => {
    const scoped = async (tenant: string, params: unknown) => {
      const scope = scopeOf(params, deleted)
      const stored = await tree.workflow(tenant, scope)
      const results = inScope(stored) ? await store.resultsOf(tenant, scope.workflowId) : []
      return { scope, results: results.filter((result) => IN_SCOPE.has(result.processingStatus)) }
    }
    collectionRoutes(app, {
      path: `${workflow}/executionScope`,
      itemParam: 'resultId',
      permissions: WORKFLOW_READ_PERMISSIONS,
      pageSize,
      entity: UserProcessingResultEntitySchema,
      table: resultQueryTable,
      contextPath: (params) => `${scopePath(scopeOf(params, deleted))}/executionScope`,
      async list(request, view, expand) {
        const { scope, results } = await scoped(request.tenant, request.params)
        return resultEntities({ store, tree, tenant: request.tenant, scope }, results, view, expand)
      },
      async item(request, view, expand, resultId) {
        const { scope, results } = await scoped(request.tenant, request.params)
        const result = results.find((candidate) => candidate.id === resultId)
        if (result === undefined) throw GraphError.resourceNotFound(resultId)
        return resultEntity({ store, tree, tenant: request.tenant, scope }, result, view, expand)
      }
    })
  })
}

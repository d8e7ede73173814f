import type { FastifyInstance, FastifyRequest } from 'fastify'
import { WorkflowEntitySchema } from '../../model/workflow.js'
import { WORKFLOW_LIST_PERMISSIONS, WORKFLOW_READ_PERMISSIONS } from '../auth/permissions.js'
import { collectionRoutes } from '../odata/collection-routes.js'
import { contextUrl } from '../odata/urls.js'
import { key, scopeOf, workflowSetPath } from '../tree/tree-paths.js'
import { inEveryWorkflowSet, type TreeRouteOptions } from '../tree/tree-routes.js'
import { presentWorkflow, WORKFLOW_NAVIGATIONS } from './present-workflow.js'
import { workflowQueryTable } from './workflow-table.js'

/**
 * `workflows` and `deletedItems/workflows`: list, `/$count` and item. A workflow is written with its tasks,
 * createdBy and lastModifiedBy (as Graph's "Get workflow" does); a list leaves them out unless $expand names
 * them, and leaves out what Graph's list example does (executionConditions, nextScheduleRunDateTime and, for
 * live workflows, deletedDateTime) unless $select names them.
 */
export async function workflowRoutes(app: FastifyInstance, { store, pageSize }: TreeRouteOptions) {
  const tasksContext = (request: FastifyRequest, deleted: boolean, workflowId: string) =>
    contextUrl(request, `${workflowSetPath(deleted)}${key(workflowId)}/tasks`)

  inEveryWorkflowSet(store, ({ deleted, collection }, tree) => {
    collectionRoutes(app, {
      path: collection,
      itemParam: 'workflowId',
      permissions: deleted ? WORKFLOW_READ_PERMISSIONS : WORKFLOW_LIST_PERMISSIONS,
      itemPermissions: WORKFLOW_READ_PERMISSIONS,
      pageSize,
      entity: WorkflowEntitySchema,
      table: workflowQueryTable,
      contextPath: () => workflowSetPath(deleted),
      listOmits: ['executionConditions', 'nextScheduleRunDateTime', ...(deleted ? [] : ['deletedDateTime'])],
      async list(request, view, expand) {
        const workflows = await store.listWorkflows(request.tenant)
        return workflows
          .filter(({ workflow }) => (workflow.deletedDateTime !== null) === deleted)
          .map((stored) =>
            presentWorkflow(stored, view, expand, tasksContext(request, deleted, stored.workflow.id))
          )
      },
      async item(request, view, _expand, workflowId) {
        const stored = await tree.workflow(request.tenant, scopeOf({ workflowId }, deleted))
        return presentWorkflow(stored, view, WORKFLOW_NAVIGATIONS, tasksContext(request, deleted, workflowId))
      }
    })
  })
}

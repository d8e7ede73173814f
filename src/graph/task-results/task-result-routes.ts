import type { FastifyInstance } from 'fastify'
import { TaskProcessingResultEntitySchema } from '../../model/task-processing-result.js'
import { REPORT_READ_PERMISSIONS } from '../auth/permissions.js'
import { GraphError } from '../errors/graph-error.js'
import { collectionRoutes } from '../odata/collection-routes.js'
import { scopeOf, scopePath, taskResultSetRoutes } from '../tree/tree-paths.js'
import { inEveryWorkflowSet, type TreeRouteOptions } from '../tree/tree-routes.js'
import { presentTaskResult } from './present-task-result.js'
import { resumeRoutes } from './resume-routes.js'
import { taskResultNavigationRoutes } from './task-result-navigation-routes.js'
import { taskResultQueryTable } from './task-result-table.js'

/**
 * `…/taskProcessingResults` wherever Graph has them: list, `/$count`, item, each with its subject and task
 * inline, and `resume` below the item.
 */
export async function taskResultRoutes(app: FastifyInstance, { store, pageSize }: TreeRouteOptions) {
  inEveryWorkflowSet(store, ({ deleted, workflow }, tree) => {
    for (const path of taskResultSetRoutes(workflow)) {
      const rowsOf = (tenant: string, params: unknown) => tree.taskResults(tenant, scopeOf(params, deleted))
      collectionRoutes(app, {
        path,
        itemParam: 'taskResultId',
        permissions: REPORT_READ_PERMISSIONS,
        pageSize,
        entity: TaskProcessingResultEntitySchema,
        table: taskResultQueryTable,
        contextPath: (params) => `${scopePath(scopeOf(params, deleted))}/taskProcessingResults`,
        async list(request, view, expand) {
          const rows = await rowsOf(request.tenant, request.params)
          return rows.map((row) => presentTaskResult(row, view, expand))
        },
        async item(request, view, expand, taskResultId) {
          const rows = await rowsOf(request.tenant, request.params)
          const row = rows.find(({ taskResult }) => taskResult.id === taskResultId)
          if (row === undefined) throw GraphError.resourceNotFound(taskResultId)
          return presentTaskResult(row, view, expand)
        }
      })
      resumeRoutes(app, { store, tree, deleted, path: `${path}/:taskResultId` })
      taskResultNavigationRoutes(app, { tree, deleted, path: `${path}/:taskResultId` })
    }
  })
}

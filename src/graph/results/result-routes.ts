import type { FastifyInstance } from 'fastify'
import { UserProcessingResultEntitySchema, UserSummarySchema } from '../../model/user-processing-result.js'
import { REPORT_READ_PERMISSIONS } from '../auth/permissions.js'
import { collectionRoutes } from '../odata/collection-routes.js'
import { summaryFunction } from '../odata/summary-function.js'
import { resultSetRoutes, scopeOf, scopePath } from '../tree/tree-paths.js'
import { inEveryWorkflowSet, type TreeRouteOptions } from '../tree/tree-routes.js'
import { resultQueryTable } from './query-table.js'
import { resultEntities, resultEntity } from './result-entities.js'
import { summarize } from './user-summary.js'

/**
 * Real Graph's read paths for userProcessingResults, under a workflow and under one of its runs (live and
 * deleted workflows alike): the collection (with OData query options and paging), `/$count`, one result, and
 * `summary(...)`. GET only; other methods get the core's 405.
 */
export async function resultRoutes(app: FastifyInstance, { store, pageSize }: TreeRouteOptions) {
  inEveryWorkflowSet(store, ({ deleted, workflow }, tree) => {
    for (const path of resultSetRoutes(workflow)) {
      collectionRoutes(app, {
        path,
        itemParam: 'resultId',
        permissions: REPORT_READ_PERMISSIONS,
        pageSize,
        entity: UserProcessingResultEntitySchema,
        table: resultQueryTable,
        contextPath: (params) => `${scopePath(scopeOf(params, deleted))}/userProcessingResults`,
        async list(request, view, expand) {
          const scope = scopeOf(request.params, deleted)
          const results = await tree.results(request.tenant, scope)
          return resultEntities({ store, tree, tenant: request.tenant, scope }, results, view, expand)
        },
        async item(request, view, expand, resultId) {
          const scope = scopeOf(request.params, deleted)
          const result = await tree.result(request.tenant, { ...scope, resultId })
          return resultEntity({ store, tree, tenant: request.tenant, scope }, result, view, expand)
        },
        boundFunction: summaryFunction(UserSummarySchema, async (request, window) =>
          summarize(await tree.results(request.tenant, scopeOf(request.params, deleted)), window)
        )
      })
    }
  })
}

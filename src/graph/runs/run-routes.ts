import type { FastifyInstance } from 'fastify'
import { RunSchema, RunSummarySchema } from '../../model/run.js'
import { REPORT_READ_PERMISSIONS } from '../auth/permissions.js'
import { GraphError } from '../errors/graph-error.js'
import { collectionRoutes } from '../odata/collection-routes.js'
import { summaryFunction } from '../odata/summary-function.js'
import { scopeOf, scopePath } from '../tree/tree-paths.js'
import { inEveryWorkflowSet, type TreeRouteOptions } from '../tree/tree-routes.js'
import { derivedRuns } from './derived-runs.js'
import { presentRun } from './present-run.js'
import { summarizeRuns } from './run-summary.js'
import { runQueryTable } from './run-table.js'

/**
 * `…/workflows/{id}/runs`: list, `/$count`, item and `summary(…)` (a runSummary), with every figure derived
 * from the run's results at the time of the request.
 */
export async function runRoutes(app: FastifyInstance, { store, pageSize }: TreeRouteOptions) {
  inEveryWorkflowSet(store, ({ deleted, workflow }, tree) => {
    const workflowOf = (params: unknown, tenant: string) => tree.workflow(tenant, scopeOf(params, deleted))
    collectionRoutes(app, {
      path: `${workflow}/runs`,
      itemParam: 'runId',
      permissions: REPORT_READ_PERMISSIONS,
      pageSize,
      entity: RunSchema,
      table: runQueryTable,
      contextPath: (params) => `${scopePath(scopeOf(params, deleted))}/runs`,
      async list(request, view) {
        const runs = await derivedRuns(
          store,
          request.tenant,
          await workflowOf(request.params, request.tenant)
        )
        return runs.map((run) => presentRun(run, view))
      },
      async item(request, view, _expand, runId) {
        const stored = await workflowOf(request.params, request.tenant)
        const [run] = await derivedRuns(store, request.tenant, stored, runId)
        if (run === undefined) throw GraphError.resourceNotFound(runId)
        return presentRun(run, view)
      },
      boundFunction: summaryFunction(RunSummarySchema, async (request, window) =>
        summarizeRuns(
          await derivedRuns(store, request.tenant, await workflowOf(request.params, request.tenant)),
          window
        )
      )
    })
  })
}

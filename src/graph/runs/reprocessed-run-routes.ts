import type { FastifyInstance, FastifyRequest } from 'fastify'
import { RunSchema } from '../../model/run.js'
import { REPORT_READ_PERMISSIONS } from '../auth/permissions.js'
import { GraphError } from '../errors/graph-error.js'
import type { View } from '../http/api-version.js'
import { collectionRoutes } from '../odata/collection-routes.js'
import { resultScopeOf, resultSetRoutes, scopeOf, scopePath } from '../tree/tree-paths.js'
import { inEveryWorkflowSet, type TreeRouteOptions } from '../tree/tree-routes.js'
import { derivedRuns } from './derived-runs.js'
import { presentRun } from './present-run.js'
import { runQueryTable } from './run-table.js'

/** `…/userProcessingResults/{id}/reprocessedRuns`: the runs of the workflow that processed the result again. */
export async function reprocessedRunRoutes(app: FastifyInstance, { store, pageSize }: TreeRouteOptions) {
  inEveryWorkflowSet(store, ({ deleted, workflow }, tree) => {
    const reprocessed = async (request: FastifyRequest, view: View) => {
      const scope = resultScopeOf(request.params, deleted)
      const result = await tree.result(request.tenant, scope)
      const [detail] = await store.detailsOf(request.tenant, [result.id])
      const ids = new Set(detail?.reprocessedRunIds ?? [])
      const runs = await derivedRuns(store, request.tenant, await tree.workflow(request.tenant, scope))
      return runs.filter((run) => ids.has(run.id)).map((run) => presentRun(run, view))
    }
    for (const results of resultSetRoutes(workflow)) {
      collectionRoutes(app, {
        path: `${results}/:resultId/reprocessedRuns`,
        itemParam: 'reprocessedRunId',
        permissions: REPORT_READ_PERMISSIONS,
        pageSize,
        entity: RunSchema,
        table: runQueryTable,
        contextPath: (params) => `${scopePath(scopeOf(params, deleted))}/reprocessedRuns`,
        list: (request, view) => reprocessed(request, view),
        async item(request, view, _expand, runId) {
          const run = (await reprocessed(request, view)).find((candidate) => candidate.id === runId)
          if (run === undefined) throw GraphError.resourceNotFound(runId)
          return run
        }
      })
    }
  })
}

import type { FastifyInstance } from 'fastify'
import type { LifecycleStore } from '../../store/lifecycle-store.js'
import { REPORT_READ_PERMISSIONS } from '../auth/permissions.js'
import { resultSetRoutes, scopeOf, WORKFLOW_SETS, workflowRoute } from '../tree/tree-paths.js'
import { TreeReader } from '../tree/tree-reader.js'
import { sendSubject } from './present-user.js'

/** `…/userProcessingResults/{id}/subject`: the user the result processed. */
export async function subjectRoutes(app: FastifyInstance, { store }: { store: LifecycleStore }) {
  const tree = new TreeReader(store)
  for (const { deleted, collection } of WORKFLOW_SETS) {
    for (const results of resultSetRoutes(workflowRoute(collection))) {
      app.get(
        `${results}/:resultId/subject`,
        { config: { permissions: REPORT_READ_PERMISSIONS } },
        async function getResultSubject(request, reply) {
          const scope = scopeOf(request.params, deleted)
          const result = await tree.result(request.tenant, { ...scope, resultId: scope.resultId ?? '' })
          return sendSubject(request, reply, result.subject)
        }
      )
    }
  }
}

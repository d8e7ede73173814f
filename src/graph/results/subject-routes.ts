import type { FastifyInstance } from 'fastify'
import { UserSchema } from '../../model/user.js'
import type { LifecycleStore } from '../../store/lifecycle-store.js'
import { REPORT_READ_PERMISSIONS } from '../auth/permissions.js'
import { resultScopeOf, resultSetRoutes } from '../tree/tree-paths.js'
import { inEveryWorkflowSet } from '../tree/tree-routes.js'
import { sendSubject } from './present-user.js'

/** `…/userProcessingResults/{id}/subject`: the user the result processed. */
export async function subjectRoutes(app: FastifyInstance, { store }: { store: LifecycleStore }) {
  inEveryWorkflowSet(store, ({ deleted, workflow }, tree) => {
    for (const results of resultSetRoutes(workflow)) {
      app.get(
        `${results}/:resultId/subject`,
        {
          config: {
            permissions: REPORT_READ_PERMISSIONS,
            queryTarget: 'entity',
            openapi: { summary: 'Get the user a result processed', entity: UserSchema }
          }
        },
        async function getResultSubject(request, reply) {
          const result = await tree.result(request.tenant, resultScopeOf(request.params, deleted))
          return sendSubject(request, reply, result.subject)
        }
      )
    }
  })
}

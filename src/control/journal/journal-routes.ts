import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { TenantQuerySchema } from '../../model/control/control-query.js'
import { JournalQuerySchema } from '../../model/control/journal-entry.js'
import type { Journal } from './journal.js'

export interface JournalRouteOptions {
  journal: Journal
}

/** `/requests`: what the Graph scope received, filtered and counted; and forgetting it. */
export const journalRoutes: FastifyPluginAsyncTypebox<JournalRouteOptions> = async (app, { journal }) => {
  const filtered = { schema: { querystring: JournalQuerySchema } }

  app.get('/requests', filtered, async function listRequests(request) {
    return journal.list(request.query)
  })

  app.get('/requests/count', filtered, async function countRequests(request) {
    return { count: journal.count(request.query) }
  })

  app.delete(
    '/requests',
    { schema: { querystring: TenantQuerySchema } },
    async function clearRequests(request, reply) {
      journal.clear(request.query.tenant)
      return reply.code(204).send()
    }
  )
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { TenantQuerySchema } from '../../model/control/control-query.js'
import { JournalQuerySchema } from '../../model/control/journal-entry.js'
import type { Journal } from './journal.js'

/** `/requests`: what the Graph scope received, filtered; and forgetting it. */
export const journalRoutes: FastifyPluginAsyncTypebox<{ journal: Journal }> = async (app, { journal }) => {
  app.get('/requests', { schema: { querystring: JournalQuerySchema } }, async function listRequests(request) {
    return journal.list(request.query)
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

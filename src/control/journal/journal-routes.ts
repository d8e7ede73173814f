import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { TenantQuerySchema } from '../../model/control/control-query.js'
import { JournalQuerySchema, StreamQuerySchema } from '../../model/control/journal-entry.js'
import type { Journal } from './journal.js'
import type { JournalStreams } from './journal-stream.js'

export interface JournalRouteOptions {
  journal: Journal
  streams: JournalStreams
}

/** The `Last-Event-ID` of a reconnecting EventSource: the id of the last event it received. */
function lastEventId(header: string | string[] | undefined): number | undefined {
  const id = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : undefined
  return id !== undefined && Number.isSafeInteger(id) ? id : undefined
}

/** `/requests`: what the Graph scope received, filtered, counted, streamed live; and forgetting it. */
export const journalRoutes: FastifyPluginAsyncTypebox<JournalRouteOptions> = async (
  app,
  { journal, streams }
) => {
  const filtered = { schema: { querystring: JournalQuerySchema } }

  app.get('/requests', filtered, async function listRequests(request) {
    return (await journal.records(request.query)).map((record) => record.entry)
  })

  app.get('/requests/count', filtered, async function countRequests(request) {
    return { count: (await journal.records(request.query)).length }
  })

  app.get(
    '/requests/stream',
    { schema: { querystring: StreamQuerySchema } },
    async function streamRequests(request, reply) {
      await streams.open(reply, request.query, lastEventId(request.headers['last-event-id']))
    }
  )

  app.delete(
    '/requests',
    { schema: { querystring: TenantQuerySchema } },
    async function clearRequests(request, reply) {
      await journal.clear(request.query.tenant)
      return reply.code(204).send()
    }
  )
}

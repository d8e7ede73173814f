import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { TSchema } from '@sinclair/typebox'
import { CountSchema, JournalEntriesSchema, TextSchema } from '../../model/control/control-answers.js'
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
  const filtered = (summary: string, answer: TSchema) => ({
    schema: { querystring: JournalQuerySchema },
    config: { openapi: { summary, answer: { content: { 'application/json': answer } } } }
  })
  const list = filtered('The journal of Graph requests, filtered, oldest first', JournalEntriesSchema)

  app.get('/requests', list, async function listRequests(request) {
    return (await journal.records(request.query)).map((record) => record.entry)
  })

  const count = filtered('How many journal entries pass the filters', CountSchema)
  app.get('/requests/count', count, async function countRequests(request) {
    return { count: (await journal.records(request.query)).length }
  })

  const stream = {
    summary: 'The journal live, as server-sent events (one `request` event per entry)',
    answer: { content: { 'text/event-stream': TextSchema } }
  }
  app.get(
    '/requests/stream',
    { schema: { querystring: StreamQuerySchema }, config: { openapi: stream } },
    async function streamRequests(request, reply) {
      await streams.open(reply, request.query, lastEventId(request.headers['last-event-id']))
    }
  )

  const clear = { summary: 'Empty the journal (?tenant=: that tenant only)', answer: { status: 204 } }
  app.delete(
    '/requests',
    { schema: { querystring: TenantQuerySchema }, config: { openapi: clear } },
    async function clearRequests(request, reply) {
      await journal.clear(request.query.tenant)
      return reply.code(204).send()
    }
  )
}

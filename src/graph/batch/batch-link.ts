import type { IncomingMessage } from 'node:http'
import type { FastifyRequest } from 'fastify'
import type { BatchLink } from '../../model/batch.js'

// A symbol on the raw request, set by the batch before the request is routed: no client can send it.
const BATCH_LINK = Symbol('graph-lifecycle-mock.batchLink')

type Linkable = IncomingMessage & { [BATCH_LINK]?: BatchLink }

export function linkToBatch(raw: IncomingMessage, link: BatchLink): void {
  ;(raw as Linkable)[BATCH_LINK] = link
}

/** The batch a request ran in, or `null` for a request sent on its own. */
export function batchLinkOf(request: FastifyRequest): BatchLink | null {
  return (request.raw as Linkable)[BATCH_LINK] ?? null
}

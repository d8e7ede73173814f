import type { FastifyReply, FastifyRequest } from 'fastify'
import { sendGraphError } from './error-handler.js'
import { GraphError } from './graph-error.js'
import type { RouteTable } from './route-table.js'

/** Answers what no route took: a known path with another method is a 405, anything else Graph's 400. */
export function notFoundHandler(routes: RouteTable) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const resolved = routes.resolve(request.method, request.url)
    const error =
      'allow' in resolved
        ? GraphError.methodNotAllowed(resolved.allow)
        : GraphError.unknownSegment(safeDecode(resolved.unknownSegment))
    return sendGraphError(request, reply, error)
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

import type { FastifyReply, FastifyRequest } from 'fastify'
import { sendGraphError } from './error-handler.js'
import { GraphError } from './errors.js'
import type { RouteTable } from './route-table.js'

/** Answers what no route took: a known path with another method is a 405, anything else Graph's 400. */
export function notFoundHandler(routes: RouteTable) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const resolved = routes.resolve(request.url)
    // A route of this very method that still did not match (a parameter over the length limit) is unknown too.
    const error =
      'allow' in resolved && !resolved.allow.includes(request.method)
        ? GraphError.methodNotAllowed(resolved.allow)
        : GraphError.unknownSegment(safeDecode(lastSegment(request.url, resolved)))
    return sendGraphError(request, reply, error)
  }
}

function lastSegment(url: string, resolved: { allow: string[] } | { unknownSegment: string }): string {
  return 'unknownSegment' in resolved ? resolved.unknownSegment : (url.split('?')[0]?.split('/').pop() ?? '')
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

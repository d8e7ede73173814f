import type { FastifyReply, FastifyRequest } from 'fastify'
import { GraphError } from '../../graph/errors/graph-error.js'
import type { CallerOf } from '../request-facts.js'
import type { ThrottleWindows } from './throttle-windows.js'

/** `preHandler` hook of the Graph scope: Graph throttles per tenant and application. */
export function throttleRequests(windows: ThrottleWindows, callerOf: CallerOf) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const { tenant, app } = callerOf(request)
    const retryAfter = await windows.take(tenant, app)
    if (retryAfter !== undefined) throw GraphError.tooManyRequests(retryAfter)
  }
}

import type { FastifyReply, FastifyRequest } from 'fastify'
import { GraphError } from '../../graph/errors/graph-error.js'
import type { CallerOf } from '../request-facts.js'
import type { RateLimiter } from './rate-limiter.js'

/** `preHandler` hook of the Graph scope: Graph throttles per tenant and application. */
export function throttleRequests(limiter: RateLimiter, callerOf: CallerOf) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const { tenant, app } = callerOf(request)
    const retryAfter = limiter.take(tenant, app)
    if (retryAfter !== undefined) throw GraphError.tooManyRequests(retryAfter)
  }
}

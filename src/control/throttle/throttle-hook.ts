import type { FastifyReply, FastifyRequest } from 'fastify'
import { GraphError } from '../../graph/errors/graph-error.js'
import { applicationOf, tokenClaims } from '../token-claims.js'
import type { RateLimiter } from './rate-limiter.js'

/** `preHandler` hook of the Graph scope: Graph throttles per tenant and application. */
export function throttleRequests(limiter: RateLimiter) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const retryAfter = limiter.take(request.tenant, applicationOf(tokenClaims(request)))
    if (retryAfter !== undefined) throw GraphError.tooManyRequests(retryAfter)
  }
}

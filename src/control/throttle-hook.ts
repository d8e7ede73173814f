import type { FastifyReply, FastifyRequest } from 'fastify'
import { GraphError } from '../graph/errors.js'
import type { RateLimiter } from './rate-limiter.js'
import { applicationOf, tokenClaims } from './token-claims.js'

/** `preHandler` hook of the Graph scope: Graph throttles per tenant and application. */
export function throttleRequests(limiter: RateLimiter) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const retryAfter = limiter.take(request.tenant, applicationOf(tokenClaims(request)))
    if (retryAfter !== undefined) throw GraphError.tooManyRequests(retryAfter)
  }
}

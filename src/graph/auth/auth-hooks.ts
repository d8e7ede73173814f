import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Claims } from '../../model/caller.js'
import { GraphError } from '../errors/graph-error.js'
import { authorizeClaims, claimsOfHeader, readClaims } from './authorize.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permissions of which a token must hold one to call the route; none (`TOKEN_ONLY`): any valid token. */
    permissions?: readonly string[]
  }
  interface FastifyRequest {
    claims: Claims | undefined
    tenant: string
  }
}

function setTenant(request: FastifyRequest, claims: Claims | undefined): void {
  if (typeof claims?.tid === 'string' && claims.tid !== '') request.tenant = claims.tid
}

/**
 * `onRequest` hook of the whole Graph scope: the tenant named by the token, checked or not, so that the journal
 * files every request under its tenant. A routed request is left to `authenticate`, which reads the token anyway.
 */
export function identifyTenant(request: FastifyRequest, _reply: FastifyReply, done: () => void): void {
  if (request.is404) setTenant(request, readClaims(request.headers.authorization))
  done()
}

/**
 * `onRequest` hook of the Graph routes: checks the bearer token against the route's permissions. A refused token
 * still names the tenant when it decodes.
 */
export function authenticate(request: FastifyRequest, _reply: FastifyReply, done: () => void): void {
  const accepted = request.routeOptions.config.permissions
  // An empty list means any valid token (TOKEN_ONLY): a route that declares nothing is a bug, never an open door.
  if (accepted === undefined)
    throw new Error(`The route ${request.routeOptions.url} declares no permissions.`)
  // Read first (a token that does not read is refused here), so that a token refused below still names its tenant.
  const claims = claimsOfHeader(request.headers.authorization)
  setTenant(request, claims)
  authorizeClaims(claims, accepted, Math.floor(Date.now() / 1000))
  request.claims = claims
  done()
}

/**
 * An `onError` hook that logs the `x-mock-hint` of an answer (the missing-token and non-Bearer hints) the first
 * time each is sent: once per server, because a misconfigured client sends every request the same way.
 */
export function warnOncePerHint() {
  const logged = new Set<string>()
  return async (request: FastifyRequest, _reply: FastifyReply, error: Error): Promise<void> => {
    const hint = error instanceof GraphError ? error.headers['x-mock-hint'] : undefined
    if (hint === undefined || logged.has(hint)) return
    logged.add(hint)
    request.log.warn({ hint }, 'answered with an x-mock-hint for the client (each kind is logged once)')
  }
}

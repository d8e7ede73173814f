import type { FastifyRequest } from 'fastify'
import type { Caller, Claims } from '../../model/caller.js'
import { clientRequestId } from '../http/headers.js'
import { readClaims } from './authorize.js'

/** The application that called: `appid` in v1 tokens, `azp` in v2 tokens. */
function applicationOf(claims: Readonly<Claims> | undefined): string {
  const app = claims?.appid ?? claims?.azp
  return typeof app === 'string' ? app : 'unknown'
}

/**
 * Who sent a request of the Graph scope: the claims the auth hook checked, or (with `AUTH=off`, or when the
 * token was refused) whatever decodes, so that journal, throttling and faults see the same caller.
 */
export function callerOf(request: FastifyRequest): Caller {
  const claims = request.claims ?? readClaims(request.headers.authorization)
  return {
    tenant: request.tenant,
    app: applicationOf(claims),
    claims,
    clientRequestId: clientRequestId(request)
  }
}

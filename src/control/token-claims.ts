import type { FastifyRequest } from 'fastify'
import { type Claims, readClaims } from '../graph/auth/authorize.js'
import type { JournalClaims } from './journal/journal.js'

/**
 * The claims of the request's token: those the auth hook checked, or (with `AUTH=off`, or when the token was
 * refused) whatever decodes; `undefined` without a readable token.
 */
export function tokenClaims(request: FastifyRequest): Claims | undefined {
  return request.claims ?? readClaims(request.headers.authorization)
}

/** The application that called: `appid` in v1 tokens, `azp` in v2 tokens. */
export function applicationOf(claims: Claims | undefined): string {
  const app = claims?.appid ?? claims?.azp
  return typeof app === 'string' ? app : 'unknown'
}

/** Only the non-secret claims the journal shows. */
export function journalClaims(claims: Claims | undefined): JournalClaims | null {
  if (claims === undefined) return null
  const picked: JournalClaims = {}
  for (const name of ['tid', 'appid', 'azp', 'scp', 'idtyp'] as const) {
    const value = claims[name]
    if (typeof value === 'string') picked[name] = value
  }
  if (Array.isArray(claims.roles)) picked.roles = claims.roles.filter((role) => typeof role === 'string')
  return picked
}

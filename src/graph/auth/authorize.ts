import type { Claims } from '../../model/caller.js'
import { GraphError } from '../errors/graph-error.js'

/** Graph's permission rules for a bearer token, as pure functions over the decoded claims. */

const GRAPH_AUDIENCES = new Set([
  'https://graph.microsoft.com',
  'https://graph.microsoft.com/',
  '00000003-0000-0000-c000-000000000000'
])

/** The `tid` of every personal Microsoft account. */
const PERSONAL_ACCOUNT_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad'

function decodeSegment(segment: string): Claims | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) return undefined
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Claims)
      : undefined
  } catch {
    return undefined
  }
}

// Clients send the same header for many requests, and reading the token from it was the costliest step of a
// request; the claims depend on the text alone, so the claims of each header and token read are kept (frozen,
// and forgotten all at once when full). A header or token that does not decode is never kept: it throws each time.
class ClaimsCache {
  static readonly MAX = 1000
  readonly #known = new Map<string, Readonly<Claims>>()

  get(text: string): Readonly<Claims> | undefined {
    return this.#known.get(text)
  }

  keep(text: string, claims: Readonly<Claims>): Readonly<Claims> {
    if (this.#known.size >= ClaimsCache.MAX) this.#known.clear()
    this.#known.set(text, claims)
    return claims
  }
}
const decodedTokens = new ClaimsCache()
const readHeaders = new ClaimsCache()

/** Decodes a compact JWT without checking its signature (any `alg`, `none` included). */
export function decodeJwt(token: string): Readonly<Claims> {
  const known = decodedTokens.get(token)
  if (known !== undefined) return known
  const parts = token.split('.')
  const [header, payload] = parts
  if (parts.length !== 3 || header === undefined || payload === undefined) throw GraphError.tokenMalformed()
  if (decodeSegment(header) === undefined) throw GraphError.tokenMalformed()
  const claims = decodeSegment(payload)
  if (claims === undefined) throw GraphError.tokenMalformed()
  return decodedTokens.keep(token, Object.freeze(claims))
}

/** The claims of the bearer token of an `Authorization` header; the errors of `bearerToken` and `decodeJwt`. */
export function claimsOfHeader(authorization: string | undefined): Readonly<Claims> {
  const known = authorization === undefined ? undefined : readHeaders.get(authorization)
  if (known !== undefined) return known
  const claims = decodeJwt(bearerToken(authorization))
  return readHeaders.keep(authorization as string, claims)
}

/**
 * The token of an `Authorization: Bearer …` header. An absent, empty or non-Bearer header counts as an empty
 * token, as in Graph; the 401s of the absent and the non-Bearer ones carry a hint at the likely mistake.
 */
export function bearerToken(authorization: string | undefined): string {
  if (authorization === undefined) throw GraphError.tokenMissing()
  const value = authorization.trim()
  if (value === '' || /^Bearer$/i.test(value)) throw GraphError.tokenEmpty()
  const token = /^Bearer[ \t]+(\S.*)$/i.exec(value)?.[1]?.trim()
  if (token === undefined) throw GraphError.tokenNotBearer()
  return token
}

/** The claims of a readable bearer token, unchecked; `undefined` when there is none. */
export function readClaims(authorization: string | undefined): Claims | undefined {
  try {
    return claimsOfHeader(authorization)
  } catch {
    return undefined
  }
}

function checkLifetime(claims: Claims, nowSeconds: number): void {
  const { exp, nbf } = claims
  if (exp !== undefined && (typeof exp !== 'number' || exp <= nowSeconds)) throw GraphError.tokenLifetime()
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds)) throw GraphError.tokenLifetime()
}

/** The permissions a token grants: `scp` (delegated, space-separated) or `roles` (application). */
export function grantedPermissions(claims: Claims): string[] | undefined {
  if (typeof claims.scp === 'string') return claims.scp.split(' ').filter((scope) => scope !== '')
  if (Array.isArray(claims.roles))
    return claims.roles.filter((role): role is string => typeof role === 'string')
  return undefined
}

/**
 * Validates a decoded token the way Graph's gateway does: audience, lifetime, account type, then permission.
 * With no permission to accept, only audience and lifetime are checked.
 */
export function authorizeClaims(claims: Claims, accepted: readonly string[], nowSeconds: number): void {
  // A JWT may carry one audience or several.
  const audiences: unknown[] = Array.isArray(claims.aud) ? claims.aud : [claims.aud]
  if (!audiences.some((aud) => typeof aud === 'string' && GRAPH_AUDIENCES.has(aud)))
    throw GraphError.invalidAudience()
  checkLifetime(claims, nowSeconds)
  if (accepted.length === 0) return
  if (claims.tid === PERSONAL_ACCOUNT_TENANT) throw GraphError.personalAccount()
  const granted = grantedPermissions(claims)
  if (granted === undefined) throw GraphError.noPermissionClaims()
  if (!accepted.some((permission) => granted.includes(permission)))
    throw GraphError.missingPermission(accepted)
}

/** Decodes and validates the `Authorization` header of a request; returns the token's claims. */
export function authorize(
  authorization: string | undefined,
  accepted: readonly string[],
  now = Date.now()
): Readonly<Claims> {
  const claims = claimsOfHeader(authorization)
  authorizeClaims(claims, accepted, Math.floor(now / 1000))
  return claims
}

import { GraphError } from '../../graph/errors/graph-error.js'
import type { Finding, PermissionKind } from '../../model/control/report.js'
import { DEFAULT_TOKEN_TENANT } from '../../model/token.js'
import type { JournalRecord } from '../journal/journal.js'
import type { RouteFacts } from '../request-facts.js'
import { finding, groupBy, routeOf } from './finding.js'

/** A cause of a 401 or 403: the claim that was wrong, and what to do about it. */
interface Cause {
  claim: string
  advice: string
  /** The token command must name this tenant (the token's own was refused). */
  tenant?: string
}

const MISSING_PERMISSION = GraphError.missingPermission([]).message.split(' One of')[0] ?? ''

// The mock's own 401 and 403 messages (GraphError's catalogue), each with the claim it is about.
const CAUSES = new Map<string, Cause>([
  [
    GraphError.tokenEmpty().message,
    { claim: 'Authorization', advice: 'Send an Authorization: Bearer header with a token.' }
  ],
  [
    GraphError.tokenMalformed().message,
    { claim: 'Authorization', advice: 'Send a JWT (three base64url parts) as the bearer token.' }
  ],
  [
    GraphError.invalidAudience().message,
    { claim: 'aud', advice: 'Ask for a token for https://graph.microsoft.com (the aud claim).' }
  ],
  [
    GraphError.tokenLifetime().message,
    { claim: 'exp', advice: 'Use a token valid now: check exp and nbf, and refresh it before it expires.' }
  ],
  [
    GraphError.noPermissionClaims().message,
    { claim: 'scp', advice: 'Use a token with scp (delegated) or roles (app-only) permissions.' }
  ],
  [
    GraphError.personalAccount().message,
    {
      claim: 'tid',
      advice: 'Use a work or school account: personal Microsoft accounts cannot call this API.',
      tenant: DEFAULT_TOKEN_TENANT
    }
  ]
])

function kindOf(record: JournalRecord): PermissionKind {
  const claims = record.facts.claims
  return typeof claims?.scp !== 'string' && Array.isArray(claims?.roles) ? 'application' : 'delegated'
}

/** The code and message of the Graph error a record was answered with. */
function errorOf(record: JournalRecord): { code: string; message: string } {
  const body = record.entry.responseBody
  const error =
    typeof body === 'object' && body !== null
      ? (body as { error?: Record<string, unknown> }).error
      : undefined
  const text = (value: unknown) => (typeof value === 'string' ? value : '')
  return { code: text(error?.code), message: text(error?.message) }
}

function causeOf(record: JournalRecord, permissions: readonly string[]): Cause {
  const { message } = errorOf(record)
  const known = CAUSES.get(message)
  const { claims, started } = record.facts
  // One message covers both ends of a token's lifetime: name the end that refused it.
  if (known?.claim === 'exp' && typeof claims?.nbf === 'number' && claims.nbf > started / 1000)
    return { ...known, claim: 'nbf' }
  if (known !== undefined) return known
  const permissionClaim = kindOf(record) === 'application' ? 'roles' : 'scp'
  if (message.startsWith(MISSING_PERMISSION)) {
    return {
      claim: permissionClaim,
      advice: `Grant one of ${permissions.join(', ')}; ${permissions[0] ?? 'the first'} is the least privileged.`
    }
  }
  // Another refusal (a route's own rule): a 401 is about the token, a 403 about what it grants.
  const claim = record.facts.status === 401 ? 'Authorization' : permissionClaim
  return { claim, advice: `The answer says why: ${message || 'no message'}` }
}

/** The `token` command that mints a token this route accepts, in the tenant the request was for. */
function tokenCommand(record: JournalRecord, permission: string | undefined, cause: Cause): string {
  const kind = kindOf(record)
  const tid = record.facts.claims?.tid
  const tenant = cause.tenant ?? (typeof tid === 'string' && tid !== DEFAULT_TOKEN_TENANT ? tid : undefined)
  return [
    'npx graph-lifecycle-mock token',
    ...(permission === undefined
      ? []
      : [kind === 'application' ? `--roles ${permission}` : `--scopes ${permission}`]),
    ...(tenant === undefined ? [] : [`--tenant ${tenant}`])
  ].join(' ')
}

/**
 * `denied`: each distinct cause of a 401 or 403 per application and route, read from the answer's message and
 * the token's claims, with the claim that was wrong and a token command (the route's least privileged permission,
 * `--scopes` for delegated tokens, `--roles` for app-only ones) that would have passed.
 */
export function denied(records: readonly JournalRecord[], routes: RouteFacts): Finding[] {
  const refused = records.filter((record) => record.facts.status === 401 || record.facts.status === 403)
  const causes = groupBy(refused, (record) => {
    const { tenant, app, status } = record.facts
    const route = routeOf(record)
    const { code, message } = errorOf(record)
    return JSON.stringify([tenant, app, route, status, code, message, kindOf(record)])
  })
  return [...causes.values()].map((group) => {
    const first = group[0] as JournalRecord
    const route = routeOf(first)
    const permissions = routes.permissionsOf(route)
    const cause = causeOf(first, permissions)
    const { code, message } = errorOf(first)
    return finding(
      'denied',
      'error',
      { tenant: first.facts.tenant, app: first.facts.app, route },
      group,
      { message: `${first.facts.status} ${code}: ${message}`, advice: cause.advice },
      { claim: cause.claim, command: tokenCommand(first, permissions[0], cause) }
    )
  })
}

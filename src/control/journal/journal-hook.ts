import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Claims } from '../../model/caller.js'
import type { JournalClaims } from '../../model/control/journal-entry.js'
import { type BatchLinkOf, type CallerOf, pathOf } from '../request-facts.js'
import type { Journal } from './journal.js'

/** Bodies up to this size are kept; a larger one is replaced by a note, so the journal's memory stays bounded. */
export const MAX_KEPT_BODY = 64 * 1024
const SECRET_HEADERS = new Set(['authorization', 'x-mock-admin-key'])

function omitted(bytes: number): string {
  return `[body of ${bytes} bytes not kept]`
}

function requestBodyOf(request: FastifyRequest): unknown {
  if (request.body === undefined || request.body === null) return null
  const declared = Number(request.headers['content-length'])
  const bytes = Number.isFinite(declared) ? declared : Buffer.byteLength(JSON.stringify(request.body))
  return bytes > MAX_KEPT_BODY ? omitted(bytes) : request.body
}

function responseBodyOf(payload: unknown): unknown {
  if (typeof payload !== 'string' || payload === '') return null
  if (payload.length > MAX_KEPT_BODY) return omitted(Buffer.byteLength(payload))
  try {
    return JSON.parse(payload)
  } catch {
    return payload
  }
}

/** Only the non-secret claims the journal shows. */
function journalClaims(claims: Readonly<Claims> | undefined): JournalClaims | null {
  if (claims === undefined) return null
  const picked: JournalClaims = {}
  for (const name of ['tid', 'appid', 'azp', 'scp', 'idtyp'] as const) {
    const value = claims[name]
    if (typeof value === 'string') picked[name] = value
  }
  if (Array.isArray(claims.roles)) picked.roles = claims.roles.filter((role) => typeof role === 'string')
  return picked
}

function headersOf(headers: FastifyRequest['headers']): Record<string, unknown> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !SECRET_HEADERS.has(name)))
}

/**
 * `onSend` hook of the Graph scope: journals the request with its answer. It runs before the answer is written,
 * so a client that got its response finds the entry already there. The request's values are taken now; copying
 * the headers and query and parsing the answer wait until the journal is read (most requests are never read:
 * doing it on each one cost ~3 µs of a ~55 µs PATCH in npm run bench).
 */
export function recordRequests(journal: Journal, callerOf: CallerOf, batchLinkOf: BatchLinkOf) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const duration = Math.round(reply.elapsedTime * 1000) / 1000
    const started = Date.now() - duration
    const status = reply.statusCode
    const { tenant, claims, clientRequestId } = callerOf(request)
    const { method, url, id, query, headers } = request
    const requestBody = requestBodyOf(request)
    const batch = batchLinkOf(request)
    journal.add(tenant, () => ({
      time: new Date(started).toISOString(),
      method,
      path: pathOf(url),
      query: { ...(query as Record<string, unknown>) },
      status,
      duration,
      'request-id': id,
      'client-request-id': clientRequestId,
      batch,
      claims: journalClaims(claims),
      headers: headersOf(headers),
      requestBody,
      responseBody: responseBodyOf(payload)
    }))
    return payload
  }
}

import type { FastifyReply, FastifyRequest } from 'fastify'
import { clientRequestId } from '../graph/headers.js'
import type { Journal } from './journal.js'
import { pathOf } from './request-path.js'
import { journalClaims, tokenClaims } from './token-claims.js'

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

function headersOf(request: FastifyRequest): Record<string, unknown> {
  return Object.fromEntries(Object.entries(request.headers).filter(([name]) => !SECRET_HEADERS.has(name)))
}

/**
 * `onSend` hook of the Graph scope: journals the request with its answer. It runs before the answer is written,
 * so a client that got its response finds the entry already there.
 */
export function recordRequests(journal: Journal) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const duration = Math.round(reply.elapsedTime * 1000) / 1000
    journal.add(request.tenant, {
      time: new Date(Date.now() - duration).toISOString(),
      method: request.method,
      path: pathOf(request.url),
      query: { ...(request.query as Record<string, unknown>) },
      status: reply.statusCode,
      duration,
      'request-id': request.id,
      'client-request-id': clientRequestId(request),
      claims: journalClaims(tokenClaims(request)),
      headers: headersOf(request),
      requestBody: requestBodyOf(request),
      responseBody: responseBodyOf(payload)
    })
    return payload
  }
}

import type { FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify'
import type { Claims } from '../../model/caller.js'
import type { JournalClaims } from '../../model/control/journal-entry.js'
import { RedisUnavailableError } from '../../store/redis/redis-unavailable.js'
import { type GraphProbe, pathOf } from '../request-facts.js'
import type { PageLinks } from '../verify/page-links.js'
import type { Journal, JournalFacts } from './journal.js'

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
  // A loop, not entries/filter/fromEntries: it runs for every request, and built three arrays each time.
  const kept: Record<string, unknown> = {}
  for (const name in headers) if (!SECRET_HEADERS.has(name)) kept[name] = headers[name]
  return kept
}

/** Wall-clock milliseconds with fractions, so that a retry can be timed against the answer before it. */
function now(): number {
  return performance.timeOrigin + performance.now()
}

/** The seconds of a `Retry-After` header, as the mock sends it. */
function retryAfterOf(reply: FastifyReply): number | undefined {
  const seconds = Number(reply.getHeader('retry-after'))
  return Number.isFinite(seconds) ? seconds : undefined
}

/**
 * `onSend` hook of the Graph scope: journals the request with its answer. It runs before the answer is written,
 * so a client that got its response finds the entry already there (in Redis too, for every replica). It takes the
 * values at hand (the facts that filters and findings read) and the headers without secrets; the memory journal
 * copies the query and parses the answer only when the entry is read (most requests are never read: doing it on
 * each one cost ~3 µs of a ~55 µs PATCH in npm run bench). A request that cannot be journaled (Redis is out) is
 * still answered.
 */
export function recordRequests(journal: Journal, graph: GraphProbe, pageLinks: PageLinks): onSendHookHandler {
  return (request, reply, payload, done) => {
    journalRequest(journal, graph, pageLinks, request, reply, payload).then(
      () => done(null, payload),
      (error: unknown) => {
        // An outage is logged once by the connection; its requests are not journaled.
        if (!(error instanceof RedisUnavailableError))
          request.log.error({ err: error }, 'Failed to journal the request')
        done(null, payload)
      }
    )
  }
}

async function journalRequest(
  journal: Journal,
  graph: GraphProbe,
  pageLinks: PageLinks,
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown
): Promise<void> {
  const duration = Math.round(reply.elapsedTime * 1000) / 1000
  const status = reply.statusCode
  const { tenant, app, claims, clientRequestId } = graph.callerOf(request)
  const { method, url, id, query, headers } = request
  const sentId = headers['client-request-id']
  const nextLink = graph.nextLinkOf(request)
  const facts: JournalFacts = {
    tenant,
    app,
    started: now() - duration,
    duration,
    method,
    url,
    status,
    requestId: id,
    clientRequestId,
    sentClientRequestId: typeof sentId === 'string' && sentId !== '',
    routed: request.is404 ? undefined : request.routeOptions.url,
    retryAfter: status === 429 || status === 503 ? retryAfterOf(reply) : undefined,
    paging: undefined,
    claims,
    batch: graph.batchLinkOf(request)
  }
  const requestBody = requestBodyOf(request)
  // Copied now: the entry then holds no token (≈650 bytes a request), which kept the heap ≈25 MB larger under load.
  const keptHeaders = headersOf(headers)
  facts.paging = await pageLinks.follow(tenant, url)
  if (nextLink !== undefined) await pageLinks.issue(tenant, nextLink)
  await journal.add(facts, (verdict) => ({
    time: new Date(facts.started).toISOString(),
    method,
    path: pathOf(url),
    query: { ...(query as Record<string, unknown>) },
    status,
    duration,
    'request-id': id,
    'client-request-id': clientRequestId,
    batch: facts.batch,
    claims: journalClaims(claims),
    headers: keptHeaders,
    requestBody,
    responseBody: responseBodyOf(payload),
    matched: verdict.matched,
    nearest: verdict.nearest
  }))
}

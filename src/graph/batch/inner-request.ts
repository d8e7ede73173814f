import type { FastifyRequest } from 'fastify'
import { inject, type Response } from 'light-my-request'
import type { BatchRequestItem } from '../../model/batch.js'
import { clientRequestId } from '../http/headers.js'
import { mediaTypeOf } from '../http/request-headers.js'
import { linkToBatch } from './batch-link.js'
import { invalidPayload, itemHeader } from './read-batch.js'

// Taken from the batch request, never from a request's own headers: Graph ignores an inner Authorization.
const FROM_THE_BATCH = new Set(['authorization', 'host', 'content-length', 'transfer-encoding', 'connection'])
// What no HTTP client sends raw in a request line (spaces, controls, non-ASCII), e.g. `$filter=x eq 'y'`.
const UNSAFE_IN_URL = /[^\x21-\x7e]/gu

function percentEncode(character: string): string {
  return [...Buffer.from(character)]
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('')
}

/**
 * An inner `url` under the batch's version: `/beta` + `workflowBase/x` → `/beta/workflowBase/x`. Not resolved
 * further: like a request line, `/beta/../x` stays as it is and is answered as an unknown segment.
 */
export function innerUrl(version: string, url: string): string {
  const path = url.startsWith('/') ? url : `/${url}`
  return `${version}${path.replace(UNSAFE_IN_URL, percentEncode)}`
}

function innerHeaders(batch: FastifyRequest, item: BatchRequestItem): Record<string, string> {
  const own = Object.entries(item.headers ?? {})
    .map(([name, value]) => [name.toLowerCase(), value] as const)
    .filter(([name]) => !FROM_THE_BATCH.has(name))
  const { authorization, 'user-agent': userAgent } = batch.headers
  const defaults = [
    ['client-request-id', clientRequestId(batch)],
    ['user-agent', userAgent]
  ]
  const forced = [
    ['authorization', authorization],
    ['host', batch.host]
  ]
  return Object.fromEntries(
    [...defaults, ...own, ...forced].filter((entry): entry is [string, string] => entry[1] !== undefined)
  )
}

export type InnerPayload = string | Buffer | undefined

/** JSON text of a body; JSON nested deeper than the stack allows cannot be written back, so the batch is refused. */
function jsonText(body: unknown, index: number): string {
  try {
    return JSON.stringify(body)
  } catch {
    const target = `requests[${index}].body`
    throw invalidPayload({ target, message: `'${target}' is nested too deeply to be sent` })
  }
}

/**
 * The body of the request at `index` as bytes: JSON under a JSON Content-Type (or when it is no string), else
 * text, else base64. Worked out for every request before any runs, since a failure refuses the whole batch.
 */
export function innerPayload(item: BatchRequestItem, index: number): InnerPayload {
  const { body } = item
  if (body === undefined || body === null) return undefined
  const mediaType = mediaTypeOf(itemHeader(item, 'content-type') ?? '')
  if (typeof body !== 'string' || mediaType === 'application/json' || mediaType.endsWith('+json'))
    return jsonText(body, index)
  return mediaType.startsWith('text/') ? body : Buffer.from(body, 'base64')
}

/**
 * Runs one request of a batch through the whole server, as if it had come alone on the batch's connection
 * (same scheme, host, client address and token): routing, auth, body rules, throttling, faults and the
 * journal all apply unchanged. It is marked with its batch before it is routed, for the journal.
 */
export function runInnerRequest(
  batch: FastifyRequest,
  version: string,
  item: BatchRequestItem,
  payload: InnerPayload
): Promise<Response> {
  const url = innerUrl(version, item.url)
  const link = { requestId: batch.id, id: item.id }
  const secure = batch.protocol === 'https'
  return inject(
    (raw, response) => {
      // The raw URL as written (light-my-request would normalise it), the way Node hands a request line over.
      raw.url = url
      linkToBatch(raw, link)
      if (secure) Object.assign(raw.socket, { encrypted: true })
      batch.server.routing(raw, response)
    },
    {
      method: item.method.toUpperCase(),
      url: '/',
      headers: innerHeaders(batch, item),
      remoteAddress: batch.ip,
      ...(payload === undefined ? {} : { payload })
    }
  )
}

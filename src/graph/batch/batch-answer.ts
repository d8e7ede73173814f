import type { OutgoingHttpHeaders } from 'node:http'
import type { FastifyRequest } from 'fastify'
import type { BatchResponseItem } from '../../model/batch.js'
import { errorEnvelope } from '../errors/error-handler.js'
import { GraphError } from '../errors/graph-error.js'
import { clientRequestId } from '../http/headers.js'
import { mediaTypeOf } from '../http/request-headers.js'

/** What an inner request answered, as light-my-request reports it. */
export interface InnerResponse {
  statusCode: number
  headers: OutgoingHttpHeaders
  payload: string
  rawPayload: Buffer
}

/**
 * The headers Graph copies into a batch answer, spelled as it spells them there: Title-Case, which the v3
 * client needs (it parses a body as JSON only under exactly `Content-Type`). The others (request-id, Date,
 * x-ms-ags-diagnostic…) belong to the batch's own answer.
 */
const ITEM_HEADERS: Record<string, string> = {
  'cache-control': 'Cache-Control',
  'content-type': 'Content-Type',
  'odata-version': 'OData-Version',
  'retry-after': 'Retry-After',
  location: 'Location',
  etag: 'ETag',
  'preference-applied': 'Preference-Applied',
  allow: 'Allow'
}

function itemHeaders(headers: OutgoingHttpHeaders): Record<string, string> {
  const picked: Record<string, string> = {}
  for (const [name, title] of Object.entries(ITEM_HEADERS)) {
    const value = headers[name]
    if (value !== undefined) picked[title] = String(value)
  }
  return picked
}

/**
 * A body as OData's JSON batch format carries it: JSON as JSON, text (`$count`) as a JSON string, anything
 * else as base64; none when the answer has no body.
 */
function itemBody(response: InnerResponse): unknown {
  if (response.rawPayload.length === 0) return undefined
  const mediaType = mediaTypeOf(String(response.headers['content-type'] ?? ''))
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return JSON.parse(response.payload)
  if (mediaType.startsWith('text/')) return response.payload
  return response.rawPayload.toString('base64')
}

export function answerItem(id: string, response: InnerResponse): BatchResponseItem {
  const body = itemBody(response)
  return {
    id,
    status: response.statusCode,
    headers: itemHeaders(response.headers),
    ...(body === undefined ? {} : { body })
  }
}

/** A request that did not run because the one it depends on failed: 424, with the batch's own request ids. */
export function failedDependencyItem(
  batch: FastifyRequest,
  id: string,
  dependency: string
): BatchResponseItem {
  const error = GraphError.failedDependency(dependency)
  return {
    id,
    status: error.statusCode,
    headers: { 'Content-Type': 'application/json' },
    body: errorEnvelope(error, batch.id, clientRequestId(batch))
  }
}

import { hostname } from 'node:os'
import type { FastifyReply, FastifyRequest } from 'fastify'

const DIAGNOSTIC = JSON.stringify({
  ServerInfo: {
    DataCenter: 'graph-lifecycle-mock',
    Slice: 'E',
    Ring: '5',
    ScaleUnit: '000',
    RoleInstance: hostname()
  }
})
const MAX_CLIENT_REQUEST_ID = 200

/** The client's own `client-request-id`, else (as Graph does) the request id. */
export function clientRequestId(request: FastifyRequest): string {
  const sent = request.headers['client-request-id']
  return typeof sent === 'string' && sent !== '' && sent.length <= MAX_CLIENT_REQUEST_ID ? sent : request.id
}

/** The headers Graph puts on every response, beside the request ids and the date. */
const CONSTANT_HEADERS = {
  'cache-control': 'no-cache',
  'strict-transport-security': 'max-age=31536000',
  'x-ms-ags-diagnostic': DIAGNOSTIC
}

/** The headers Graph puts on every response, the date included, for an answer written without Node's help. */
export function graphHeaders(requestId: string, clientRequestId: string): Record<string, string> {
  return {
    'request-id': requestId,
    'client-request-id': clientRequestId,
    date: new Date().toUTCString(),
    ...CONSTANT_HEADERS
  }
}

/**
 * Puts Graph's headers on a reply; safe to call twice. The date is left to Node, which writes it on every answer
 * from a string it renews once a second.
 */
export function setGraphHeaders(request: FastifyRequest, reply: FastifyReply): void {
  if (reply.hasHeader('request-id')) return
  reply
    .header('request-id', request.id)
    .header('client-request-id', clientRequestId(request))
    .headers(CONSTANT_HEADERS)
}

export const ODATA_JSON =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8'

/** Marks a successful answer as an OData JSON payload. */
export function asOData(reply: FastifyReply): FastifyReply {
  return reply.type(ODATA_JSON).header('odata-version', '4.0')
}

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

/** The headers Graph puts on every response. */
export function graphHeaders(requestId: string, clientRequestId: string): Record<string, string> {
  return {
    'request-id': requestId,
    'client-request-id': clientRequestId,
    date: new Date().toUTCString(),
    'cache-control': 'no-cache',
    'strict-transport-security': 'max-age=31536000',
    'x-ms-ags-diagnostic': DIAGNOSTIC
  }
}

/** Puts Graph's headers on a reply; safe to call twice. */
export function setGraphHeaders(request: FastifyRequest, reply: FastifyReply): void {
  if (reply.hasHeader('request-id')) return
  reply.headers(graphHeaders(request.id, clientRequestId(request)))
}

export const ODATA_JSON =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8'

/** Marks a successful answer as an OData JSON payload. */
export function asOData(reply: FastifyReply): FastifyReply {
  return reply.type(ODATA_JSON).header('odata-version', '4.0')
}

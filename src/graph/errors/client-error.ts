import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { graphHeaders } from '../http/headers.js'
import { errorEnvelope } from './error-handler.js'
import { GraphError } from './graph-error.js'

/** The limits whose breach Node reports on the socket, in bytes and milliseconds. */
export interface SocketLimits {
  maxHeaderSize: number
  requestTimeout: number
}

/** What Node's HTTP layer reports before Fastify has a request, as the Graph error to answer with. */
function socketErrorOf(error: NodeJS.ErrnoException, limits: SocketLimits): GraphError {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return GraphError.requestTimeout(limits.requestTimeout)
  if (error.code === 'HPE_HEADER_OVERFLOW') return GraphError.headersTooLarge(limits.maxHeaderSize)
  return GraphError.malformedRequest()
}

function rawResponse(error: GraphError, requestId: string): string {
  const body = JSON.stringify(errorEnvelope(error, requestId, requestId))
  const headers = {
    ...graphHeaders(requestId, requestId),
    ...error.headers,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close'
  }
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`)
  return `HTTP/1.1 ${error.statusCode} ${STATUS_CODES[error.statusCode]}\r\n${lines.join('\r\n')}\r\n\r\n${body}`
}

/**
 * Fastify's `clientErrorHandler`: bytes that are not HTTP, headers over the limit and requests not received in
 * time are answered on the raw socket with Graph's envelope (not Fastify's own shape), then the socket closes.
 */
export function clientErrorHandler(limits: SocketLimits) {
  return function answerClientError(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket) {
    if (error.code === 'ECONNRESET' || socket.destroyed) return
    const requestId = randomUUID()
    this.log.debug({ err: error, 'request-id': requestId }, 'client error')
    if (socket.writable) socket.write(rawResponse(socketErrorOf(error, limits), requestId))
    socket.destroy(error)
  }
}

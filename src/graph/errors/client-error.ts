import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import { Socket } from 'node:net'
import type { TLSSocket } from 'node:tls'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import { graphHeaders } from '../http/headers.js'
import { errorEnvelope } from './error-handler.js'
import { GraphError, PLAIN_HTTP_ON_TLS_HINT } from './graph-error.js'

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

/**
 * OpenSSL's verdicts on a first record that is not TLS: an HTTP request line it knows (OpenSSL 3.0, in Node 20,
 * knows GET, POST, HEAD and PUT; 3.5, in Node 24, also PATCH, DELETE, OPTIONS), or bytes that are no TLS record.
 */
const NOT_TLS = new Set(['ERR_SSL_HTTP_REQUEST', 'ERR_SSL_WRONG_VERSION_NUMBER'])

/**
 * The HTTPS server's `tlsClientError` listener. Plain HTTP on the TLS port fails the handshake, and the client
 * would get an empty reply: the hint is logged once per server, and the client gets it as a plain-HTTP 400 in
 * Graph's envelope. Node offers the TCP socket under a TLS socket only as `_parent`; without it (a Node that
 * changed this) the client gets the empty reply and the log still tells.
 */
export function plainHttpOnTlsPort(log: FastifyBaseLogger) {
  let warned = false
  return function answerPlainHttp(error: NodeJS.ErrnoException, tlsSocket: TLSSocket): void {
    if (!NOT_TLS.has(error.code ?? '')) return
    if (!warned) {
      warned = true
      log.warn(
        { hint: PLAIN_HTTP_ON_TLS_HINT },
        'a plain http:// request (or other bytes that are not TLS) reached the HTTPS port (logged once)'
      )
    }
    const parent: unknown = (tlsSocket as TLSSocket & { _parent?: unknown })._parent
    if (parent instanceof Socket && parent.writable) {
      const requestId = randomUUID()
      parent.end(rawResponse(GraphError.plainHttpOnTlsPort(), requestId))
    }
  }
}

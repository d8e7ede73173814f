/**
 * What one client may hold of the server. Node and Fastify leave most of these unbounded (no request or
 * socket timeout), so a client that stalls would keep its socket and memory forever; each is set on purpose.
 */
export interface ServerLimits {
  /** Bytes of request line and headers; more is answered 431. */
  maxHeaderSize: number
  /** Milliseconds to receive a whole request (headers and body); a slower one is answered 408 and cut off. */
  requestTimeout: number
  /** Milliseconds between Node's sweeps for requests over `requestTimeout`. */
  connectionsCheckingInterval: number
  /** Milliseconds a socket may go without any traffic while a request is open before it is destroyed. */
  connectionTimeout: number
  /** Milliseconds an idle kept-alive connection stays open for the client's next request. */
  keepAliveTimeout: number
}

export const DEFAULT_LIMITS: Readonly<ServerLimits> = Object.freeze({
  // Twice Node's 16 KiB: Entra tokens with many group or role claims run past 8 KiB on their own.
  maxHeaderSize: 32 * 1024,
  // Ample for a 4 MiB body even on a slow CI runner, yet a stalled upload frees its socket within a minute.
  requestTimeout: 30_000,
  // Node's 30 s sweep would let a stalled request live up to twice requestTimeout.
  connectionsCheckingInterval: 1_000,
  // Longer than requestTimeout, so a stalled upload gets its 408 answer before the socket is dropped.
  connectionTimeout: 60_000,
  // Longer than the idle timeout of client connection pools (.NET 60 s, undici 4 s, Node's agent 5 s), so the
  // server never closes a socket that a client is just reusing (an ECONNRESET in the client's test).
  keepAliveTimeout: 72_000
})

/** The timeouts Fastify sets on its Node server. */
export function timeoutOptions(limits: ServerLimits) {
  return {
    connectionTimeout: limits.connectionTimeout,
    keepAliveTimeout: limits.keepAliveTimeout,
    requestTimeout: limits.requestTimeout
  }
}

/**
 * Node's own server options, where Fastify passes them on: `https` goes to https.createServer (so they join the
 * TLS credentials there), `http` to http.createServer.
 */
export function nodeServerOptions(limits: ServerLimits, tls: object | undefined) {
  const options = {
    maxHeaderSize: limits.maxHeaderSize,
    // Here too, not only as Fastify's option (which Fastify sets after construction): Node times out a body
    // only while headersTimeout is not longer than requestTimeout, and its 60 s default is only lowered here.
    requestTimeout: limits.requestTimeout,
    headersTimeout: limits.requestTimeout,
    connectionsCheckingInterval: limits.connectionsCheckingInterval,
    // Node would answer an HTTP/1.1 request without Host with its own empty 400, not Graph's envelope.
    requireHostHeader: false
  }
  return tls === undefined ? { http: options } : { https: { ...tls, ...options } }
}

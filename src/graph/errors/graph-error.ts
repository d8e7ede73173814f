import type { ErrorDetail } from '../../model/odata.js'
import { batchMessages } from './batch-messages.js'

/** One entry of Graph's `error.details`. */
export type GraphErrorDetail = ErrorDetail

/**
 * An error as Microsoft Graph reports it. Handlers throw these; the error handler alone turns them into
 * the envelope, so every code and message the mock can answer with is listed here.
 */
export class GraphError extends Error {
  readonly statusCode: number
  readonly code: string
  readonly details: GraphErrorDetail[]
  readonly headers: Record<string, string>
  /** Members some Graph errors add to `innerError` beside date and the request ids. */
  readonly innerError: Record<string, string>

  constructor(
    statusCode: number,
    code: string,
    message: string,
    options: {
      details?: GraphErrorDetail[]
      headers?: Record<string, string>
      innerError?: Record<string, string>
    } = {}
  ) {
    super(message)
    this.name = 'GraphError'
    this.statusCode = statusCode
    this.code = code
    this.details = options.details ?? []
    this.headers = options.headers ?? {}
    this.innerError = options.innerError ?? {}
  }

  static tokenEmpty(): GraphError {
    return unauthenticated('Access token is empty.')
  }

  /** No `Authorization` header at all: Graph's answer, plus a hint at the SDKs that drop the token silently. */
  static tokenMissing(): GraphError {
    return unauthenticated('Access token is empty.', { 'x-mock-hint': MISSING_TOKEN_HINT })
  }

  /**
   * A header that is there but not `Bearer <token>` (a bare token, or `Basic …`): Graph's status and code, and a
   * message and hint that name the expected form instead of calling a sent token empty.
   */
  static tokenNotBearer(): GraphError {
    return unauthenticated(
      "Access token is empty: the Authorization header does not start with 'Bearer '. Send it as 'Authorization: Bearer <token>'.",
      { 'x-mock-hint': NOT_BEARER_HINT }
    )
  }

  static tokenMalformed(): GraphError {
    return unauthenticated('CompactToken parsing failed with error code: 80049217')
  }

  static invalidAudience(): GraphError {
    return unauthenticated('Access token validation failure. Invalid audience.')
  }

  static tokenLifetime(): GraphError {
    return unauthenticated('Access token has expired or is not yet valid.')
  }

  static noPermissionClaims(): GraphError {
    return new GraphError(403, 'AccessDenied', 'Either scp or roles claim need to be present in the token.')
  }

  static missingPermission(accepted: readonly string[]): GraphError {
    return new GraphError(
      403,
      'Forbidden',
      'You cannot perform the requested operation, required scopes are missing in the token. ' +
        `One of the following permissions would allow it: ${accepted.join(', ')}.`
    )
  }

  static personalAccount(): GraphError {
    return new GraphError(
      403,
      'Forbidden',
      'This API is not supported for personal Microsoft accounts (MSA). Use a work or school account.'
    )
  }

  static badRequest(message: string, details: GraphErrorDetail[] = []): GraphError {
    return new GraphError(400, 'BadRequest', message, { details })
  }

  /** Input the test-control API cannot use; `context` is `body` or `querystring`, each problem names its field. */
  static invalidInput(context: string, problems: readonly { target: string; message: string }[]): GraphError {
    const details = problems.map(({ target, message }) => ({ code: 'BadRequest', message, target }))
    return GraphError.badRequest(`Invalid ${context}: ${details[0]?.message ?? 'it is not valid'}.`, details)
  }

  static unreadableJson(): GraphError {
    return GraphError.badRequest(
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.'
    )
  }

  static contentTypeMissing(): GraphError {
    return GraphError.badRequest(
      'Write requests (excluding DELETE) must contain the Content-Type header declaration.'
    )
  }

  static unsupportedMediaType(received: string): GraphError {
    return new GraphError(
      415,
      'UnsupportedMediaType',
      `The content type '${received}' is not supported. Send the request body as 'application/json'.`
    )
  }

  static unknownSegment(segment: string): GraphError {
    return GraphError.badRequest(`Resource not found for the segment '${segment}'.`)
  }

  static resourceNotFound(id: string): GraphError {
    return new GraphError(
      404,
      'ResourceNotFound',
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`
    )
  }

  static methodNotAllowed(allow: readonly string[]): GraphError {
    return new GraphError(
      405,
      'Request_BadRequest',
      'Specified HTTP method is not allowed for the request target.',
      {
        headers: { allow: allow.join(', ') }
      }
    )
  }

  /** A request of a batch not run because the one it depends on failed (Graph: "424 (Failed Dependency)"). */
  static failedDependency(dependency: string): GraphError {
    return new GraphError(424, 'FailedDependency', batchMessages.failedDependency(dependency))
  }

  /** A `resume` of a task result that is not waiting for a custom task extension (Graph documents no error). */
  static notResumable(taskResultId: string, why: string): GraphError {
    return GraphError.badRequest(
      `The taskProcessingResult '${taskResultId}' cannot be resumed: ${why}. Only a task result that is ` +
        "inProgress on a 'Run a custom task extension' task is waiting for resume."
    )
  }

  /** A Graph path the mock knows but does not emulate: not Graph's "segment not found", which would say it is wrong. */
  static notImplemented(what: string, method: string, path: string): GraphError {
    return new GraphError(
      501,
      'NotImplemented',
      `The mock does not emulate ${what} (${method} ${path}). It serves the read paths of the Lifecycle ` +
        'Workflows tree and resume; see docs/lifecycle-workflows.md.'
    )
  }

  static payloadTooLarge(limit: number): GraphError {
    return new GraphError(
      413,
      'RequestEntityTooLarge',
      `The request body is larger than the maximum of ${limit} bytes this service accepts.`
    )
  }

  /** A request not received in full within the server's request timeout (Node reports it before Fastify sees it). */
  static requestTimeout(timeoutMs: number): GraphError {
    return new GraphError(
      408,
      'RequestTimeout',
      `The request was not received in full within ${timeoutMs / 1000} seconds. Send the whole body without pausing.`
    )
  }

  static headersTooLarge(limit: number): GraphError {
    return new GraphError(
      431,
      'RequestHeaderFieldsTooLarge',
      `The request headers are larger than the maximum of ${limit} bytes this service accepts.`
    )
  }

  /** Bytes that Node's HTTP parser cannot read as a request. */
  static malformedRequest(): GraphError {
    return GraphError.badRequest('The request is not valid HTTP/1.1 and could not be read.')
  }

  /** Plain `http://` sent to the port of a mock started with `--tls`. */
  static plainHttpOnTlsPort(): GraphError {
    return GraphError.badRequest(PLAIN_HTTP_ON_TLS_HINT)
  }

  static internal(): GraphError {
    return new GraphError(
      500,
      'InternalServerError',
      'An internal server error occurred. The details are in the mock server log under this request-id.'
    )
  }

  /** Graph's throttling answer, as in the sample of learn.microsoft.com/graph/throttling. */
  static tooManyRequests(retryAfterSeconds: number): GraphError {
    return retryLater(429, 'TooManyRequests', 'Please retry again later.', retryAfterSeconds, {
      code: '429',
      message: 'Please retry after',
      status: '429'
    })
  }

  /** An injected 500: unlike `internal()`, nothing went wrong in the mock, so there is no log to point to. */
  static serverFault(retryAfterSeconds?: number): GraphError {
    const message = 'An internal server error occurred. Please retry later.'
    return retryLater(500, 'InternalServerError', message, retryAfterSeconds)
  }

  static badGateway(retryAfterSeconds?: number): GraphError {
    const message = 'The gateway received an invalid response from the service. Please retry later.'
    return retryLater(502, 'BadGateway', message, retryAfterSeconds)
  }

  /** `serviceNotAvailable` is the code Graph's error reference lists for 503. */
  static serviceUnavailable(retryAfterSeconds?: number): GraphError {
    const message = 'The service is temporarily unavailable. Try the request again after a delay.'
    return retryLater(503, 'serviceNotAvailable', message, retryAfterSeconds)
  }

  /**
   * The Redis that keeps the mock's shared state cannot serve now: Graph's 503 (clients retry it after
   * `Retry-After`), with a message that says what is wrong; the mock recovers by itself when Redis is back.
   */
  static stateUnavailable(reason: string): GraphError {
    const message =
      `The service is temporarily unavailable: the mock cannot reach the Redis that keeps its state (${reason}). ` +
      'Try the request again after a delay; the mock serves again by itself once Redis answers.'
    return retryLater(503, 'serviceNotAvailable', message, 1)
  }

  /**
   * `--max-tenants` tenants have their own copy of the data already, and a write would give one more its copy:
   * Graph's status for a full quota (which clients do not retry, unlike 429 and 503) and its code, with a message
   * that names the option and the reset that frees room. Nothing changed, and no other tenant lost anything.
   */
  static tenantLimit(limit: number): GraphError {
    return new GraphError(
      507,
      'quotaLimitReached',
      `Failed to write: the mock keeps data of its own for at most ${limit} tenants, the limit of --max-tenants ` +
        "(MAX_TENANTS), and this tenant's write would need one more. Free room with POST /_mock/reset?tenant=<tid> " +
        '(or POST /_mock/reset for every tenant), or start the mock with a larger --max-tenants. Reads still work: ' +
        'they see the fixtures.'
    )
  }

  static gatewayTimeout(retryAfterSeconds?: number): GraphError {
    const message = 'The gateway did not receive a response from the service in time. Please retry later.'
    return retryLater(504, 'GatewayTimeout', message, retryAfterSeconds)
  }

  static adminKeyRequired(): GraphError {
    return new GraphError(
      401,
      'Unauthorized',
      "Failed to call the test-control API: the header 'x-mock-admin-key' is missing or wrong. " +
        'Send the key the mock was started with (--admin-key or ADMIN_KEY).'
    )
  }

  static stateFileOff(): GraphError {
    return new GraphError(
      404,
      'NotFound',
      'Failed to save the state: the mock was started without --state-file (STATE_FILE), so it has no file to write. ' +
        'Start it with --state-file PATH, or read the state with GET /_mock/snapshot.'
    )
  }

  static tlsOff(): GraphError {
    return new GraphError(
      404,
      'NotFound',
      'The mock serves plain HTTP, so it has no certificate. Start it with --tls (TLS=1) to serve HTTPS and its certificate here.'
    )
  }
}

const WWW_AUTHENTICATE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", ' +
  'client_id="00000003-0000-0000-c000-000000000000"'

/** A transient failure; `Retry-After` (seconds) tells the client when to try again. */
function retryLater(
  statusCode: number,
  code: string,
  message: string,
  retryAfterSeconds: number | undefined,
  innerError: Record<string, string> = {}
): GraphError {
  const headers: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) }
  return new GraphError(statusCode, code, message, { headers, innerError })
}

/**
 * Why a request may come without a token: Graph SDKs drop it, without an error, for a base URL they do not
 * trust. Sent as the `x-mock-hint` header of such a 401 and logged once (as every x-mock-hint is).
 */
export const MISSING_TOKEN_HINT =
  'No Authorization header arrived. Graph SDKs drop the token silently for hosts they do not trust: ' +
  '@microsoft/microsoft-graph-client v3 sends it only over https to hosts in customHosts ' +
  "(start the mock with --tls, use https://localhost:<port> and customHosts: new Set(['localhost'])); " +
  'Kiota and Azure Identity auth providers send it only to allowedHosts, written with the port (localhost:<port>). ' +
  'Or start the mock with AUTH=off.'

/** What to do when plain HTTP reaches the HTTPS port: the answer's message, and logged once. */
export const PLAIN_HTTP_ON_TLS_HINT =
  'A plain http:// request, or other bytes that are not TLS, reached a port that serves HTTPS (the mock runs with --tls). ' +
  'Use https:// and trust the mock certificate (NODE_EXTRA_CA_CERTS=<file> or curl --cacert <file>, ' +
  'the file from --tls-cert-out or from GET https://localhost:<port>/_mock/ca.pem), or start the mock without --tls.'

/** Why a sent token counts as empty: it lacks the scheme. Sent as the `x-mock-hint` header and logged once. */
export const NOT_BEARER_HINT =
  "The Authorization header holds no 'Bearer <token>': Graph reads a token only after the scheme 'Bearer ' " +
  "(a bare JWT or another scheme such as Basic counts as no token). Send 'Authorization: Bearer <token>'."

function unauthenticated(message: string, headers: Record<string, string> = {}): GraphError {
  return new GraphError(401, 'InvalidAuthenticationToken', message, {
    headers: { 'www-authenticate': WWW_AUTHENTICATE, ...headers }
  })
}

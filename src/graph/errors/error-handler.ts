import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify'
import type { ODataError } from '../../model/odata.js'
import { fieldOf } from '../../model/schema-check.js'
import { RedisUnavailableError } from '../../store/redis/redis-unavailable.js'
import { TenantLimitError } from '../../store/tenant-limit.js'
import { clientRequestId, setGraphHeaders } from '../http/headers.js'
import { GraphError } from './graph-error.js'

export const BODY_LIMIT = 4 * 1024 * 1024

// Fastify's own errors that a client can cause, and the Graph error each one stands for.
const frameworkErrors: Record<string, (request?: FastifyRequest) => GraphError> = {
  // A Content-Type that is no media type, outside the Graph routes' own check (e.g. on an unknown path).
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (request) => {
    const contentType = request?.headers['content-type']?.trim()
    return contentType ? GraphError.unsupportedMediaType(contentType) : GraphError.contentTypeMissing()
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: GraphError.unreadableJson,
  FST_ERR_CTP_INVALID_JSON_BODY: GraphError.unreadableJson,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: GraphError.unreadableJson,
  FST_ERR_CTP_BODY_TOO_LARGE: () => GraphError.payloadTooLarge(BODY_LIMIT),
  FST_ERR_BAD_URL: () => GraphError.badRequest('The request URL is not a valid URL.'),
  FST_ERR_ASYNC_CONSTRAINT: () => GraphError.badRequest('The request could not be routed.')
}

/**
 * A failed route schema (body or querystring of the /_mock API): the validator compiler wrote one sentence
 * naming the field per problem.
 */
function validationError(problems: FastifySchemaValidationError[], context: string | undefined): GraphError {
  return GraphError.invalidInput(
    context ?? 'request',
    problems.map((problem) => ({
      target: fieldOf(problem.instancePath),
      message: problem.message ?? 'is not valid'
    }))
  )
}

/** Turns anything thrown while handling a request into the Graph error to answer with. */
export function toGraphError(error: unknown, request?: FastifyRequest): GraphError {
  if (error instanceof GraphError) return error
  if (error instanceof RedisUnavailableError) return GraphError.stateUnavailable(error.reason)
  if (error instanceof TenantLimitError) return GraphError.tenantLimit(error.limit)
  const fastifyError = error as Partial<FastifyError>
  if (Array.isArray(fastifyError.validation))
    return validationError(fastifyError.validation, fastifyError.validationContext)
  const known = fastifyError.code === undefined ? undefined : frameworkErrors[fastifyError.code]
  if (known !== undefined) return known(request)
  // secure-json-parse refuses `__proto__` / `constructor.prototype` keys, and body parsing aborts on bad bodies.
  if (error instanceof SyntaxError || fastifyError.statusCode === 400) return GraphError.unreadableJson()
  if (fastifyError.statusCode === 413) return GraphError.payloadTooLarge(BODY_LIMIT)
  return GraphError.internal()
}

function innerErrorDate(): string {
  return new Date().toISOString().slice(0, 19)
}

/** Graph's error envelope; the only place an error body is built. */
export function errorEnvelope(error: GraphError, requestId: string, clientRequestId: string): ODataError {
  const details = error.details.length > 0 ? { details: error.details } : {}
  return {
    error: {
      code: error.code,
      message: error.message,
      ...details,
      innerError: {
        ...error.innerError,
        date: innerErrorDate(),
        'request-id': requestId,
        'client-request-id': clientRequestId
      }
    }
  }
}

/** Answers a request with Graph's error envelope. */
export function sendGraphError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: GraphError
): FastifyReply {
  setGraphHeaders(request, reply)
  return reply
    .code(error.statusCode)
    .headers(error.headers)
    .type('application/json')
    .send(errorEnvelope(error, request.id, clientRequestId(request)))
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const graphError = toGraphError(error, request)
  // A thrown GraphError is an answer (an injected fault included), a Redis outage is logged by its connection;
  // anything else that ends in a 5xx is a bug.
  const expected =
    error instanceof GraphError || error instanceof RedisUnavailableError || error instanceof TenantLimitError
  if (graphError.statusCode >= 500 && !expected)
    request.log.error({ err: error }, 'unexpected error while handling a request')
  return sendGraphError(request, reply, graphError)
}

import type { FastifyRequest } from 'fastify'
import '../http/api-version.js'

/** The origin the client used (scheme, host and port), so links lead back to this very server. */
export function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`
}

/** The service root of the request's API version, e.g. `http://localhost:4000/beta`. */
export function serviceRoot(request: FastifyRequest): string {
  return `${requestOrigin(request)}/${request.apiVersion}`
}

/**
 * `@odata.context` as Graph builds it: the service root's `$metadata#` plus the entity set path, the
 * selected properties in parentheses when there is a $select, and a suffix such as `/$entity`.
 */
export function contextUrl(
  request: FastifyRequest,
  path: string,
  select: readonly string[] | undefined = undefined,
  suffix = ''
): string {
  const selection = select === undefined ? '' : `(${select.join(',')})`
  return `${serviceRoot(request)}/$metadata#${path}${selection}${suffix}`
}

/** The request's own URL on its origin with another query string. */
export function sameUrlWithQuery(request: FastifyRequest, query: string): string {
  return `${requestOrigin(request)}${request.url.split('?', 1)[0]}?${query}`
}

/** The raw query string of the request, as the client encoded it. */
export function rawQuery(request: FastifyRequest): string {
  const start = request.url.indexOf('?')
  return start < 0 ? '' : request.url.slice(start + 1)
}

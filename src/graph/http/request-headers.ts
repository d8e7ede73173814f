import type { FastifyReply, FastifyRequest } from 'fastify'
import { GraphError } from '../errors/graph-error.js'

const WRITE_METHODS = new Set(['PATCH', 'POST', 'PUT'])

/**
 * `preParsing` hook of the Graph scope: Graph wants a declared JSON body on writes and answers a missing
 * Content-Type with 400, another media type with 415, before it reads the body.
 */
export async function requireJsonBody(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (!WRITE_METHODS.has(request.method)) return
  const contentType = request.headers['content-type']?.trim()
  if (contentType === undefined || contentType === '') throw GraphError.contentTypeMissing()
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase()
  if (mediaType !== 'application/json') throw GraphError.unsupportedMediaType(contentType)
}

/** Whether the request has `Prefer: include-unknown-enum-members` (among other preferences, in any case). */
export function wantsUnknownEnumMembers(request: FastifyRequest): boolean {
  const prefer = request.headers.prefer
  if (prefer === undefined) return false
  return [prefer]
    .flat()
    .flatMap((value) => value.split(','))
    .some((preference) => preference.trim().toLowerCase() === 'include-unknown-enum-members')
}

import type { FastifyReply, FastifyRequest } from 'fastify'
import { GraphError } from '../errors/graph-error.js'

export const WRITE_METHODS: ReadonlySet<string> = new Set(['PATCH', 'POST', 'PUT'])

/** `Application/JSON; charset=utf-8` → `application/json`. */
export function mediaTypeOf(contentType: string): string {
  return contentType.split(';', 1)[0]?.trim().toLowerCase() ?? ''
}

/**
 * `preParsing` hook of the Graph scope: Graph wants a declared JSON body on writes and answers a missing
 * Content-Type with 400, another media type with 415, before it reads the body.
 */
export async function requireJsonBody(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (!WRITE_METHODS.has(request.method)) return
  const contentType = request.headers['content-type']?.trim()
  if (contentType === undefined || contentType === '') throw GraphError.contentTypeMissing()
  if (mediaTypeOf(contentType) !== 'application/json') throw GraphError.unsupportedMediaType(contentType)
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

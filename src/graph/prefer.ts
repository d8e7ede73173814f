import type { FastifyRequest } from 'fastify'

/** Whether the request has `Prefer: include-unknown-enum-members` (among other preferences, in any case). */
export function wantsUnknownEnumMembers(request: FastifyRequest): boolean {
  const prefer = request.headers.prefer
  if (prefer === undefined) return false
  return [prefer]
    .flat()
    .flatMap((value) => value.split(','))
    .some((preference) => preference.trim().toLowerCase() === 'include-unknown-enum-members')
}

import type { FastifyRequest } from 'fastify'
import type { ApiVersion } from '../../model/enums.js'
import { wantsUnknownEnumMembers } from './request-headers.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The Graph version the request addressed (`/beta` or `/v1.0`); each Graph scope decorates its own. */
    apiVersion: ApiVersion
  }
}

/** How a request wants entities written: its API version's enum members, and the evolvable ones or not. */
export interface View {
  version: ApiVersion
  includeUnknownEnumMembers: boolean
}

export function viewOf(request: FastifyRequest): View {
  return { version: request.apiVersion, includeUnknownEnumMembers: wantsUnknownEnumMembers(request) }
}

import type { FastifyRequest } from 'fastify'
import type { BatchLink } from '../model/batch.js'
import type { Caller } from '../model/caller.js'
import type { RouteVerdict } from '../model/control/journal-entry.js'

/** Who sent a Graph request: the Graph scope's own answer, which server.ts hands to control's hooks. */
export type CallerOf = (request: FastifyRequest) => Caller

/** What the journal's hook learns from Graph about each request, handed in by server.ts. */
export interface GraphProbe {
  callerOf: CallerOf
  /** The batch a request ran in (`null` for one sent alone). */
  batchLinkOf: (request: FastifyRequest) => BatchLink | null
  /** The `@odata.nextLink` that Graph's answer to this request hands out, if any. */
  nextLinkOf: (request: FastifyRequest) => string | undefined
}

/** Graph's route surface, as the verification reads it: handed in by server.ts, built from Graph's route table. */
export interface RouteFacts {
  /** Which route served a request (`routed`: Fastify's pattern, if it chose one), or the nearest one. */
  match(method: string, url: string, routed: string | undefined): RouteVerdict
  /** The permissions of which a token must hold one to call the route, least privileged first. */
  permissionsOf(route: string): readonly string[]
  /** Whether the route reads a collection. */
  isCollection(route: string): boolean
  /** The smallest, least privileged set of permissions that covers every list (one list per route). */
  leastPrivileged(lists: readonly (readonly string[])[]): string[]
}

/** The path of a request URL, without its query string. */
export function pathOf(url: string): string {
  return url.split('?', 1)[0] ?? url
}

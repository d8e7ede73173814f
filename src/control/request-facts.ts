import type { FastifyRequest } from 'fastify'
import type { BatchLink } from '../model/batch.js'
import type { Caller } from '../model/caller.js'

/** Who sent a Graph request: the Graph scope's own answer, which server.ts hands to control's hooks. */
export type CallerOf = (request: FastifyRequest) => Caller

/** The batch a Graph request ran in (`null` for one sent alone): the Graph scope's answer, handed in by server.ts. */
export type BatchLinkOf = (request: FastifyRequest) => BatchLink | null

/** The path of a request URL, without its query string. */
export function pathOf(url: string): string {
  return url.split('?', 1)[0] ?? url
}

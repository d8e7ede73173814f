import type { FastifyRequest } from 'fastify'
import type { Caller } from '../model/caller.js'

/** Who sent a Graph request: the Graph scope's own answer, which server.ts hands to control's hooks. */
export type CallerOf = (request: FastifyRequest) => Caller

/** The path of a request URL, without its query string. */
export function pathOf(url: string): string {
  return url.split('?', 1)[0] ?? url
}

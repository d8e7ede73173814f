import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import type { QueryTarget } from '../odata/query-options.js'
import { sendGraphError } from './error-handler.js'
import { GraphError } from './graph-error.js'

/** A route the server serves, with what the journal's verification reads of its config. */
export interface RouteInfo {
  /** Fastify's pattern, keys as `:name`, e.g. `/beta/workflowBase/userProcessingResults/:id`. */
  url: string
  methods: readonly string[]
  /** The pattern's segments, lower case. */
  segments: readonly string[]
  /** The permissions of which a token must hold one, least privileged first. */
  permissions: readonly string[]
  queryTarget: QueryTarget | undefined
}

/**
 * The routes the server knows, kept so that a request Fastify could not route gets Graph's answer:
 * 405 with `Allow` on a known path, else 400 naming the first segment that matches no route.
 */
export class RouteTable {
  readonly #routes: RouteInfo[] = []

  add(route: Pick<RouteOptions, 'method' | 'url' | 'config'>): void {
    if (route.url.includes('*')) return
    this.#routes.push({
      url: route.url,
      methods: [route.method].flat(),
      segments: splitPath(route.url.toLowerCase()),
      permissions: route.config?.permissions ?? [],
      queryTarget: route.config?.queryTarget
    })
  }

  /** Every route, in the order they were added. */
  get routes(): readonly RouteInfo[] {
    return this.#routes
  }

  /**
   * What an unrouted `method path` is. A route of that very method that matches the path did not take it
   * only because a parameter broke the router's limits (e.g. its length), so that segment is the unknown one.
   */
  resolve(method: string, path: string): { allow: string[] } | { unknownSegment: string } {
    const segments = splitPath(path)
    const allow = new Set<string>()
    let matched = 0
    for (const route of this.#routes) {
      const length = matchingPrefix(route.segments, segments)
      if (length === segments.length && length === route.segments.length) {
        for (const method of route.methods) allow.add(method)
      }
      matched = Math.max(matched, length)
    }
    if (allow.has(method)) return { unknownSegment: segments.at(-1) ?? '' }
    if (allow.size > 0) return { allow: [...allow].sort() }
    return { unknownSegment: segments[Math.min(matched, segments.length - 1)] ?? '' }
  }
}

/** The segments of a path, without its query string. */
export function splitPath(path: string): string[] {
  return (
    path
      .split('?')[0]
      ?.split('/')
      .filter((segment) => segment !== '') ?? []
  )
}

function matchingPrefix(pattern: readonly string[], segments: string[]): number {
  let length = 0
  while (length < pattern.length && length < segments.length) {
    const expected = pattern[length] ?? ''
    const actual = segments[length] ?? ''
    if (!expected.startsWith(':') && expected !== actual.toLowerCase()) break
    length++
  }
  return length
}

/** Answers what no route took: a known path with another method is a 405, anything else Graph's 400. */
export function notFoundHandler(routes: RouteTable) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const resolved = routes.resolve(request.method, request.url)
    const error =
      'allow' in resolved
        ? GraphError.methodNotAllowed(resolved.allow)
        : GraphError.unknownSegment(safeDecode(resolved.unknownSegment))
    return sendGraphError(request, reply, error)
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import { sendGraphError } from './error-handler.js'
import { GraphError } from './graph-error.js'

/**
 * The routes the server knows, kept so that a request Fastify could not route gets Graph's answer:
 * 405 with `Allow` on a known path, else 400 naming the first segment that matches no route.
 */
export class RouteTable {
  readonly #routes: { segments: string[]; methods: string[] }[] = []

  add(route: Pick<RouteOptions, 'method' | 'url'>): void {
    if (route.url.includes('*')) return
    const methods = [route.method].flat()
    this.#routes.push({ segments: splitPath(route.url.toLowerCase()), methods })
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

function splitPath(path: string): string[] {
  return (
    path
      .split('?')[0]
      ?.split('/')
      .filter((segment) => segment !== '') ?? []
  )
}

function matchingPrefix(pattern: string[], segments: string[]): number {
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

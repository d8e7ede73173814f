import type { FastifyReply, FastifyRequest, FastifySchema, RouteOptions } from 'fastify'
import { authorize } from '../auth/authorize.js'
import type { QueryTarget } from '../odata/query-options.js'
import type { RouteDoc } from '../openapi/route-doc.js'
import { sendGraphError } from './error-handler.js'
import { GraphError } from './graph-error.js'

/** A Graph path the mock knows and does not emulate: its 501 names `what`, after the permission check. */
export interface NotEmulatedPath {
  method: string
  path: string
  /** What is not emulated: "The mock does not emulate {what} (…)". */
  what: string
  permissions: readonly string[]
}

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
  /** Fastify's validation schemas of the route (`body`, `querystring`), for its OpenAPI description. */
  schema: FastifySchema | undefined
  doc: RouteDoc | undefined
}

/** A not-emulated path with its full pattern (keys as `:name`), e.g. `/beta/identityGovernance/…/settings`. */
export type NotEmulatedRoute = NotEmulatedPath & { url: string }

interface KnownPath {
  segments: readonly string[]
  methods: readonly string[]
  notEmulated?: NotEmulatedPath
}

type Resolution = { allow: string[] } | { unknownSegment: string } | { notEmulated: NotEmulatedPath }

/**
 * The paths the server knows, kept so that a request Fastify could not route gets Graph's answer: 501 on a path
 * Graph has and the mock does not emulate, 405 with `Allow` on a known path, else 400 naming the first segment
 * that matches no path. Not-emulated paths are patterns here rather than routes: hundreds of routes would make
 * every server the tests build several times slower to start.
 */
export class RouteTable {
  readonly #routes: RouteInfo[] = []
  readonly #notEmulated: NotEmulatedRoute[] = []
  readonly #paths: KnownPath[] = []

  add(route: Pick<RouteOptions, 'method' | 'url' | 'config' | 'schema'>): void {
    if (route.url.includes('*')) return
    const info: RouteInfo = {
      url: route.url,
      methods: [route.method].flat(),
      segments: splitPath(route.url.toLowerCase()),
      permissions: route.config?.permissions ?? [],
      queryTarget: route.config?.queryTarget,
      schema: route.schema,
      doc: route.config?.openapi
    }
    this.#routes.push(info)
    this.#paths.push(info)
  }

  /** Every served route, in the order they were added (not the 501 patterns). */
  get routes(): readonly RouteInfo[] {
    return this.#routes
  }

  /** The paths that answer 501, in the order they were added. */
  get notEmulated(): readonly NotEmulatedRoute[] {
    return this.#notEmulated
  }

  /** Paths below `prefix` (a Graph scope such as `/beta`) that answer 501. */
  addNotEmulated(prefix: string, paths: readonly NotEmulatedPath[]): void {
    for (const notEmulated of paths) {
      const url = `${prefix}${notEmulated.path}`
      this.#notEmulated.push({ ...notEmulated, url })
      this.#paths.push({ segments: splitPath(url.toLowerCase()), methods: [notEmulated.method], notEmulated })
    }
  }

  /**
   * What an unrouted `method path` is. A route of that very method that matches the path did not take it
   * only because a parameter broke the router's limits (e.g. its length), so that segment is the unknown one.
   */
  resolve(method: string, path: string): Resolution {
    const segments = splitPath(path)
    const allow = new Set<string>()
    let matched = 0
    let notEmulated: NotEmulatedPath | undefined
    for (const known of this.#paths) {
      const length = matchingPrefix(known.segments, segments)
      if (length === segments.length && length === known.segments.length) {
        for (const each of known.methods) allow.add(each)
        if (known.notEmulated?.method === method) notEmulated ??= known.notEmulated
      }
      matched = Math.max(matched, length)
    }
    if (notEmulated !== undefined) return { notEmulated }
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

/** The error that answers an unrouted request: 501 after the permission check, 405, or Graph's 400. */
function answerOf(resolved: Resolution, request: FastifyRequest, auth: 'enforce' | 'off'): GraphError {
  if ('notEmulated' in resolved) {
    const { what, permissions } = resolved.notEmulated
    try {
      if (auth === 'enforce') authorize(request.headers.authorization, permissions)
    } catch (refusal) {
      return refusal as GraphError
    }
    return GraphError.notImplemented(what, request.method, request.url.split('?', 1)[0] ?? '')
  }
  return 'allow' in resolved
    ? GraphError.methodNotAllowed(resolved.allow)
    : GraphError.unknownSegment(safeDecode(resolved.unknownSegment))
}

/**
 * Answers what no route took: a not-emulated path is a 501 once the token holds one of its permissions (when
 * auth is enforced), a known path with another method a 405, anything else Graph's 400.
 */
export function notFoundHandler(routes: RouteTable, auth: 'enforce' | 'off') {
  return (request: FastifyRequest, reply: FastifyReply) =>
    sendGraphError(request, reply, answerOf(routes.resolve(request.method, request.url), request, auth))
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

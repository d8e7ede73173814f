import type { Nearest, RouteVerdict } from '../../model/control/journal-entry.js'
import type { RouteInfo, RouteTable } from '../errors/not-found.js'
import { ACCEPTED, refusedOption } from '../odata/query-options.js'
import { API_VERSION, documentedPath, nearestRoute, type ServedPath } from './nearest-route.js'

/** Unmatched requests repeat: the nearest route of the last few thousand method-and-URLs is kept. */
const MAX_REMEMBERED = 2000

function queryOf(url: string): string {
  const start = url.indexOf('?')
  return start < 0 ? '' : url.slice(start + 1)
}

/**
 * Graph's route surface as the journal's verification reads it, from the route table (so from each route's own
 * config: one source of truth): which route served a request, the nearest one when none did, and the
 * permissions each route accepts. Read after start-up, once every route is registered.
 */
export class GraphRoutes {
  readonly #table: RouteTable
  #byRoute: Map<string, RouteInfo> | undefined
  #paths: ServedPath[] | undefined
  readonly #nearest = new Map<string, Nearest | null>()

  constructor(table: RouteTable) {
    this.#table = table
  }

  /**
   * The verdict on a request: `routed` is the pattern of the route Fastify chose for it, if any. A routed request
   * is still unmatched when its query string has an option the route does not take.
   */
  match(method: string, url: string, routed: string | undefined): RouteVerdict {
    if (routed === undefined) return { matched: false, route: null, nearest: this.#nearestOf(method, url) }
    const route = `${method} ${documentedPath(routed)}`
    const target = this.#info(route)?.queryTarget
    const refused = target === undefined ? undefined : refusedOption(queryOf(url), target)
    if (target === undefined || refused === undefined) return { matched: true, route, nearest: null }
    const takes = ACCEPTED[target].length > 0 ? `it takes ${ACCEPTED[target].join(', ')}` : 'it takes none'
    const why = `the query option '${refused}' is not taken by this path: ${takes}`
    return { matched: false, route, nearest: { method, path: documentedPath(routed), why } }
  }

  /** The permissions of which a token must hold one to call the route, least privileged first. */
  permissionsOf(route: string): readonly string[] {
    return this.#info(route)?.permissions ?? []
  }

  /** Whether the route reads a collection (and so takes `$select`, `$top`, paging). */
  isCollection(route: string): boolean {
    return this.#info(route)?.queryTarget === 'collection'
  }

  #info(route: string): RouteInfo | undefined {
    this.#byRoute ??= new Map(
      this.#table.routes.flatMap((info) =>
        info.methods.map((method) => [`${method} ${documentedPath(info.url)}`, info] as const)
      )
    )
    return this.#byRoute.get(route)
  }

  #nearestOf(method: string, url: string): Nearest | null {
    const key = `${method} ${url.split('?', 1)[0]}`
    const known = this.#nearest.get(key)
    if (known !== undefined) return known
    const nearest = nearestRoute(this.#servedPaths(), method, url)
    if (this.#nearest.size >= MAX_REMEMBERED) this.#nearest.clear()
    this.#nearest.set(key, nearest)
    return nearest
  }

  /** Graph's paths (under an API version), each with every method it takes. */
  #servedPaths(): ServedPath[] {
    if (this.#paths !== undefined) return this.#paths
    const byPath = new Map<string, { url: string; methods: string[] }>()
    for (const info of this.#table.routes) {
      if (!API_VERSION.test(info.segments[0] ?? '')) continue
      const key = info.segments.join('/')
      const path = byPath.get(key) ?? { url: info.url, methods: [] }
      path.methods.push(...info.methods)
      byPath.set(key, path)
    }
    this.#paths = [...byPath.values()]
    return this.#paths
  }
}

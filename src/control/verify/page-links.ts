/** How many handed-out page links are remembered, over all tenants; the least recently used go first. */
export const MAX_PAGE_LINKS = 10_000

// Parses relative URLs (path and query as a request line has them) the same way as absolute links.
const BASE = 'http://graph-lifecycle-mock.invalid'

/** `$skiptoken` and `$skip` (the `$` optional, any case, as on beta) make a request a paging request. */
function isPagingOption(name: string): boolean {
  return /^\$?skip(token)?$/i.test(name)
}

/**
 * A URL compared as Graph would read it: the path without case or trailing slash, the query options by
 * name (without case) and decoded value, in any order. So a link followed with `%24` decoded back to `$` is the
 * same link. The tenant comes first, so that one tenant's links share a prefix.
 */
function linkKey(tenant: string, url: URL): string {
  const path = url.pathname.toLowerCase().replace(/\/+$/, '')
  const options = [...url.searchParams].map(([name, value]) => `${name.toLowerCase()}=${value}`).sort()
  return `${tenant}\n${path}\n${JSON.stringify(options)}`
}

/** The start of every key of one tenant's links. */
export function tenantPrefix(tenant: string): string {
  return `${tenant}\n`
}

/** The key of a link handed out to a tenant. */
export function issuedKey(tenant: string, link: string): string {
  return linkKey(tenant, new URL(link, BASE))
}

/** The key of a request URL that pages (`$skiptoken`, `$skip`); `undefined` for one that does not. */
export function pagingKey(tenant: string, url: string): string | undefined {
  const start = url.indexOf('?')
  // Most requests have no query string, or none that pages: they cost one search.
  if (start < 0 || !/skip/i.test(url.slice(start))) return undefined
  let parsed: URL
  try {
    parsed = new URL(url, BASE)
  } catch {
    return undefined
  }
  return [...parsed.searchParams.keys()].some(isPagingOption) ? linkKey(tenant, parsed) : undefined
}

/**
 * The `@odata.nextLink`s the mock handed out, per tenant, so that a paging request can be told to have followed
 * one or to have made its own. Bounded: the least recently handed out or followed links go first. Kept in this
 * process (MemoryPageLinks) or in Redis, shared by replicas (RedisPageLinks).
 */
export interface PageLinks {
  issue(tenant: string, link: string): Promise<void>
  /** `undefined` for a request that does not page; else whether its URL is a link the mock handed out. */
  follow(tenant: string, url: string): Promise<'followed' | 'invented' | undefined>
  /** Forgets every link, or those handed out to one tenant. */
  clear(tenant?: string): Promise<void>
}

/** The page links of one process, in a set kept in the order of last use. */
export class MemoryPageLinks implements PageLinks {
  readonly #issued = new Set<string>()

  async issue(tenant: string, link: string): Promise<void> {
    this.#remember(issuedKey(tenant, link))
  }

  async follow(tenant: string, url: string): Promise<'followed' | 'invented' | undefined> {
    const key = pagingKey(tenant, url)
    if (key === undefined) return undefined
    if (!this.#issued.has(key)) return 'invented'
    this.#remember(key)
    return 'followed'
  }

  async clear(tenant?: string): Promise<void> {
    if (tenant === undefined) this.#issued.clear()
    else for (const key of this.#issued) if (key.startsWith(tenantPrefix(tenant))) this.#issued.delete(key)
  }

  #remember(key: string): void {
    this.#issued.delete(key)
    this.#issued.add(key)
    if (this.#issued.size <= MAX_PAGE_LINKS) return
    const oldest = this.#issued.values().next().value
    if (oldest !== undefined) this.#issued.delete(oldest)
  }
}

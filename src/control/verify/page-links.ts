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
 * same link.
 */
function linkKey(tenant: string, url: URL): string {
  const path = url.pathname.toLowerCase().replace(/\/+$/, '')
  const options = [...url.searchParams].map(([name, value]) => `${name.toLowerCase()}=${value}`).sort()
  return `${tenant}\n${path}\n${JSON.stringify(options)}`
}

/**
 * The `@odata.nextLink`s the mock handed out, per tenant, so that a paging request can be told to have followed
 * one or to have made its own. Bounded: the least recently handed out or followed links go first.
 */
export class PageLinks {
  readonly #issued = new Set<string>()

  issue(tenant: string, link: string): void {
    this.#remember(linkKey(tenant, new URL(link, BASE)))
  }

  /** `undefined` for a request that does not page; else whether its URL is a link the mock handed out. */
  follow(tenant: string, url: string): 'followed' | 'invented' | undefined {
    const start = url.indexOf('?')
    // Most requests have no query string, or none that pages: they cost one search.
    if (start < 0 || !/skip/i.test(url.slice(start))) return undefined
    let parsed: URL
    try {
      parsed = new URL(url, BASE)
    } catch {
      return undefined
    }
    if (![...parsed.searchParams.keys()].some(isPagingOption)) return undefined
    const key = linkKey(tenant, parsed)
    if (!this.#issued.has(key)) return 'invented'
    this.#remember(key)
    return 'followed'
  }

  /** Forgets every link, or those handed out to one tenant. */
  clear(tenant?: string): void {
    if (tenant === undefined) this.#issued.clear()
    else for (const key of this.#issued) if (key.startsWith(`${tenant}\n`)) this.#issued.delete(key)
  }

  #remember(key: string): void {
    this.#issued.delete(key)
    this.#issued.add(key)
    if (this.#issued.size <= MAX_PAGE_LINKS) return
    const oldest = this.#issued.values().next().value
    if (oldest !== undefined) this.#issued.delete(oldest)
  }
}

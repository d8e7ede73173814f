import type { FastifyRequest } from 'fastify'
import type { CollectionQuery } from './collection-query.js'
import { sortItems } from './orderby.js'
import { encodeSkiptoken } from './skiptoken.js'
import { rawQuery, sameUrlWithQuery } from './urls.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The `@odata.nextLink` the answer hands out, so that the journal can tell a followed link from an invented one. */
    nextLink: string | undefined
  }
}

export interface QueryPage<T> {
  page: T[]
  /** Size of the filtered collection, for `@odata.count`. */
  total: number
  /** Set when more items follow; goes into the `$skiptoken` of `@odata.nextLink`. */
  nextSkiptoken: string | undefined
}

/**
 * Filters, orders and cuts one page out of `items`. The page size is `$top` when given, else
 * `pageSize`; `$top=0` yields an empty page without a next link.
 */
export function applyQuery<T>(items: readonly T[], plan: CollectionQuery<T>, pageSize: number): QueryPage<T> {
  const filtered = plan.filter ? items.filter(plan.filter) : items
  const ordered = sortItems(filtered, plan.orderBy)
  const size = plan.top ?? pageSize
  const end = plan.position + size
  return {
    page: ordered.slice(plan.position, end),
    total: ordered.length,
    nextSkiptoken: size > 0 && end < ordered.length ? encodeSkiptoken(end, plan.fingerprint) : undefined
  }
}

/**
 * The query string of the next page: the request's own parameters as the client encoded them, minus
 * any old skiptoken, plus the new one. Keeping them verbatim keeps $filter, $orderby, $select, $top.
 */
export function nextPageQuery(rawQuery: string, skiptoken: string): string {
  const kept = rawQuery
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '' && !isSkiptoken(part))
  return [...kept, `$skiptoken=${skiptoken}`].join('&')
}

/** The `@odata.nextLink` of a page: this request's URL with the new skiptoken. Noted on the request. */
export function nextLinkFor(request: FastifyRequest, skiptoken: string): string {
  const link = sameUrlWithQuery(request, nextPageQuery(rawQuery(request), skiptoken))
  request.nextLink = link
  return link
}

function isSkiptoken(part: string): boolean {
  const [name = ''] = part.split('=', 1)
  try {
    return /^\$?skiptoken$/i.test(decodeURIComponent(name.replaceAll('+', ' ')))
  } catch {
    return false
  }
}

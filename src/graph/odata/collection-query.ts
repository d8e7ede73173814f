import { compileFilter, type Predicate } from './filter-compile.js'
import { parseFilter } from './filter-parser.js'
import { type OrderByKey, parseOrderBy } from './orderby.js'
import type { PropertyTable } from './property-table.js'
import { ODataQueryError } from './query-error.js'
import { type QueryOptions, readQueryOptions } from './query-options.js'
import { parseNameList, parseSelect } from './select.js'
import { decodeSkiptoken, queryFingerprint } from './skiptoken.js'

/** A validated plan for one collection request; `applyQuery` runs it. */
export interface CollectionQuery<T> {
  filter: Predicate<T> | undefined
  orderBy: OrderByKey<T>[]
  select: string[] | undefined
  /** Navigation properties to write inline. */
  expand: string[]
  /** Requested page size: on Graph `$top` sets the page size and nextLinks continue past it. */
  top: number | undefined
  count: boolean
  /** Where this page starts, from `$skiptoken`. */
  position: number
  fingerprint: string
}

export interface EntityQuery {
  select: string[] | undefined
  expand: string[]
}

export interface CountQuery<T> {
  filter: Predicate<T> | undefined
}

/** Parses and checks the query string of a collection request; throws ODataQueryError naming the option. */
export function parseCollectionQuery<T>(rawQuery: string, table: PropertyTable<T>): CollectionQuery<T> {
  const options = readQueryOptions(rawQuery, 'collection')
  const expand = readExpand(options, table)
  const orderBy = options.get('$orderby')
  const fingerprint = queryFingerprint(options.get('$filter'), orderBy)
  const skiptoken = options.get('$skiptoken')
  return {
    filter: readFilter(options, table),
    orderBy: orderBy === undefined ? [] : parseOrderBy(orderBy, table),
    select: readSelect(options, table),
    expand,
    top: readTop(options.get('$top')),
    count: readCount(options.get('$count')),
    position: skiptoken === undefined ? 0 : decodeSkiptoken(skiptoken, fingerprint),
    fingerprint
  }
}

/** Parses the query string of a single-entity request: only $select and $expand apply. */
export function parseEntityQuery(rawQuery: string, table: PropertyTable<unknown>): EntityQuery {
  const options = readQueryOptions(rawQuery, 'entity')
  const expand = readExpand(options, table)
  return { select: readSelect(options, table), expand }
}

/** Parses the query string of a `/$count` request: only $filter applies. */
export function parseCountQuery<T>(rawQuery: string, table: PropertyTable<T>): CountQuery<T> {
  return { filter: readFilter(readQueryOptions(rawQuery, 'count'), table) }
}

function readFilter<T>(options: QueryOptions, table: PropertyTable<T>): Predicate<T> | undefined {
  const filter = options.get('$filter')
  return filter === undefined ? undefined : compileFilter(parseFilter(filter), table)
}

function readSelect(options: QueryOptions, table: PropertyTable<unknown>): string[] | undefined {
  const select = options.get('$select')
  return select === undefined ? undefined : parseSelect(select, table)
}

function readTop(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const top = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(top)) {
    throw ODataQueryError.invalid('$top', `'${value}' is not a non-negative integer.`)
  }
  return top
}

function readCount(value: string | undefined): boolean {
  if (value === undefined || value === 'false') return false
  if (value === 'true') return true
  throw ODataQueryError.invalid('$count', `'${value}' is neither true nor false.`)
}

// Only the navigation properties Graph documents $expand for; `*` is not offered.
function readExpand(options: QueryOptions, table: PropertyTable<unknown>): string[] {
  const expand = options.get('$expand')
  if (expand === undefined) return []
  const names = parseNameList('$expand', expand)
  for (const name of names) {
    if (!table.expandable.includes(name)) {
      const allowed = table.expandable.length > 0 ? `only ${table.expandable.join(', ')} can` : 'nothing can'
      throw ODataQueryError.invalid('$expand', `'${name}' cannot be expanded; ${allowed}.`)
    }
  }
  return names
}

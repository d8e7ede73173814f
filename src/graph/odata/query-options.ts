import { ODataQueryError } from './query-error.js'

/** What a request addresses: a collection, one entity, a collection's `/$count`, or a function's result. */
export type QueryTarget = 'collection' | 'entity' | 'count' | 'function'

export type QueryOptions = Map<string, string>

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route's query string addresses, so that the journal can tell which options the route takes. */
    queryTarget?: QueryTarget
  }
}

export const ACCEPTED: Readonly<Record<QueryTarget, readonly string[]>> = {
  collection: ['$filter', '$orderby', '$select', '$top', '$count', '$skiptoken', '$expand'],
  entity: ['$select', '$expand'],
  count: ['$filter'],
  function: []
}

// Every OData system query option, so a known but unsupported one gets a precise message.
const SYSTEM_OPTIONS = new Set([
  ...ACCEPTED.collection,
  '$skip',
  '$search',
  '$format',
  '$apply',
  '$compute',
  '$levels',
  '$index',
  '$schemaversion',
  '$deltatoken',
  '$id'
])

const HINTS: Readonly<Record<string, string>> = {
  $skip: ' Page with $top and the @odata.nextLink of each response instead.',
  $search: ' Use $filter instead.'
}

/**
 * The system query option a parameter name stands for: on beta the `$` is optional (`filter=` is `$filter=`)
 * and names are matched case-insensitively. `undefined` for an OData custom option (no `$`, not a system name);
 * an unknown `$name` is returned as it is, and no route takes it.
 */
export function systemOption(name: string): string | undefined {
  const lower = name.toLowerCase()
  const option = lower.startsWith('$') ? lower : `$${lower}`
  if (SYSTEM_OPTIONS.has(option)) return option
  return lower.startsWith('$') ? name : undefined
}

/** The first query option of a raw query string that a route of this target refuses, if any. */
export function refusedOption(rawQuery: string, target: QueryTarget): string | undefined {
  for (const name of new URLSearchParams(rawQuery).keys()) {
    const option = systemOption(name)
    if (option !== undefined && !ACCEPTED[target].includes(option)) return option
  }
  return undefined
}

/**
 * Reads the system query options of a raw query string into a map keyed by their `$name`, rejecting
 * any this target does not accept (see `systemOption`); custom options are ignored.
 */
export function readQueryOptions(rawQuery: string, target: QueryTarget): QueryOptions {
  const options: QueryOptions = new Map()
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    const option = systemOption(name)
    if (option === undefined) continue
    if (!SYSTEM_OPTIONS.has(option))
      throw new ODataQueryError(name, `The query parameter '${name}' is not supported.`)
    if (!ACCEPTED[target].includes(option)) throw rejection(option, target)
    if (options.has(option)) {
      throw new ODataQueryError(
        option,
        `Query option '${option}' was specified more than once, but it must be specified at most once.`
      )
    }
    options.set(option, value)
  }
  return options
}

// Why a collection option does not fit the other targets.
const MISPLACED: Partial<Record<QueryTarget, string>> = {
  entity: 'can be applied only to a collection',
  count: 'cannot be used on /$count; only $filter can',
  function: "cannot be applied to a function's result"
}

function rejection(option: string, target: QueryTarget): ODataQueryError {
  const misplaced = MISPLACED[target]
  if (misplaced !== undefined && ACCEPTED.collection.includes(option)) {
    return new ODataQueryError(option, `Query option '${option}' ${misplaced}.`)
  }
  return new ODataQueryError(
    option,
    `Query option '${option}' is not supported by the service.${HINTS[option] ?? ''}`
  )
}

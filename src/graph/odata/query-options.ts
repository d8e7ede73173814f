import { ODataQueryError } from './query-error.js'

/** What a request addresses: a collection, one entity, a collection's `/$count`, or a function's result. */
export type QueryTarget = 'collection' | 'entity' | 'count' | 'function'

export type QueryOptions = Map<string, string>

const ACCEPTED: Record<QueryTarget, readonly string[]> = {
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
 * Reads the system query options of a raw query string into a map keyed by their `$name`, rejecting
 * any this target does not accept. On beta the `$` is optional (`filter=` is `$filter=`) and names are
 * matched case-insensitively; other parameters are OData custom options and are ignored.
 */
export function readQueryOptions(rawQuery: string, target: QueryTarget): QueryOptions {
  const options: QueryOptions = new Map()
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    const lower = name.toLowerCase()
    const option = lower.startsWith('$') ? lower : `$${lower}`
    if (!SYSTEM_OPTIONS.has(option)) {
      if (lower.startsWith('$'))
        throw new ODataQueryError(name, `The query parameter '${name}' is not supported.`)
      continue
    }
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

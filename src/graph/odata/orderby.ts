import { describeToken, TokenStream } from './lexer.js'
import {
  findQueryable,
  type PropertyTable,
  type QueryableProperty,
  unknownPropertyMessage
} from './property-table.js'
import { ODataQueryError } from './query-error.js'
import { compareKeys, type OrderKey, orderKey } from './value-order.js'

const OPTION = '$orderby'

export interface OrderByKey<T> {
  path: string
  descending: boolean
  property: QueryableProperty<T>
}

/** Parses `path [asc|desc], …` into keys, allowing only the table's orderable properties, each once. */
export function parseOrderBy<T>(text: string, table: PropertyTable<T>): OrderByKey<T>[] {
  const tokens = new TokenStream(OPTION, text)
  const keys: OrderByKey<T>[] = []
  for (;;) {
    const first = tokens.next()
    if (first.kind !== 'word')
      throw tokens.fail(first, `expected a property name but found ${describeToken(first)}`)
    let path = first.text
    while (tokens.isPunct('/')) {
      tokens.next()
      const segment = tokens.next()
      if (segment.kind !== 'word') throw tokens.fail(segment, "expected a property name after '/'")
      path += `/${segment.text}`
    }
    let token = tokens.next()
    let descending = false
    if (token.kind === 'word' && (token.text === 'asc' || token.text === 'desc')) {
      descending = token.text === 'desc'
      token = tokens.next()
    }
    if (token.kind !== 'end' && !(token.kind === 'punct' && token.text === ',')) {
      throw tokens.fail(token, `expected 'asc', 'desc', ',' or the end but found ${describeToken(token)}`)
    }
    if (keys.some((key) => key.path === path)) {
      throw ODataQueryError.invalid(OPTION, `the property '${path}' appears more than once.`)
    }
    keys.push({ path, descending, property: orderableProperty(table, path) })
    if (token.kind === 'end') return keys
  }
}

function orderableProperty<T>(table: PropertyTable<T>, path: string): QueryableProperty<T> {
  const property = findQueryable(table, path)
  if (property === 'unknown') throw ODataQueryError.invalid(OPTION, unknownPropertyMessage(table, path))
  if (property === 'not-queryable' || !property.orderable) {
    throw ODataQueryError.invalid(OPTION, `the property '${path}' cannot be used in $orderby.`)
  }
  return property
}

/**
 * Sorts a copy of `items` by the keys; ties keep their input order. Nulls come first ascending and
 * last descending, as in OData on SQL Server.
 */
export function sortItems<T>(items: readonly T[], keys: readonly OrderByKey<T>[]): T[] {
  if (keys.length === 0) return [...items]
  const decorated = items.map((item, position) => ({
    item,
    position,
    values: keys.map(({ property }) => {
      const value = property.read(item)
      return value === null || value === undefined ? null : orderKey(property.type, value)
    })
  }))
  decorated.sort((a, b) => {
    for (const [i, key] of keys.entries()) {
      const order = compareNullable(a.values[i] ?? null, b.values[i] ?? null)
      if (order !== 0) return key.descending ? -order : order
    }
    return a.position - b.position
  })
  return decorated.map(({ item }) => item)
}

function compareNullable(a: OrderKey | null, b: OrderKey | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1
  return compareKeys(a, b)
}

import type { ComparisonOperator } from './filter-ast.js'

/** The Edm type of a queryable value, as far as filtering and ordering need to know it. */
export type ValueType =
  | { kind: 'string' }
  | { kind: 'boolean' }
  | { kind: 'int32' }
  | { kind: 'dateTimeOffset' }
  | {
      kind: 'enum'
      typeName: string
      /** Every member, in member-value order. */
      members: readonly string[]
      /** Members the client has not opted in to (Graph's evolvable enums), and why a literal cannot use them. */
      withheld?: { members: readonly string[]; message(member: string): string }
    }

/** A property's value as filtering and ordering read it. */
export type QueryValue = string | number | boolean | null | undefined

export interface QueryableProperty<T> {
  type: ValueType
  /** Operators allowed in $filter; empty when the property cannot be filtered on. */
  operators: readonly ComparisonOperator[]
  orderable: boolean
  read(item: T): QueryValue
}

/**
 * What the query layer may know about an entity type: its name (for messages), every property a
 * client may name in $select, the navigation properties $expand may name, and the paths that $filter /
 * $orderby may use.
 */
export interface PropertyTable<T> {
  typeName: string
  selectable: readonly string[]
  expandable: readonly string[]
  queryable: Readonly<Record<string, QueryableProperty<T>>>
}

/** Looks up a $filter/$orderby path, telling an unknown name apart from a known one that is not allowed. */
export function findQueryable<T>(
  table: PropertyTable<T>,
  path: string
): QueryableProperty<T> | 'unknown' | 'not-queryable' {
  const property = Object.hasOwn(table.queryable, path) ? table.queryable[path] : undefined
  if (property) return property
  const [head = ''] = path.split('/')
  return table.selectable.includes(head) ? 'not-queryable' : 'unknown'
}

export function unknownPropertyMessage(table: PropertyTable<unknown>, path: string): string {
  return `Could not find a property named '${path}' on type '${table.typeName}'.`
}

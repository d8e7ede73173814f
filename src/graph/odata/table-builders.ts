import { type EnumType, evolvableMembers, membersIn } from '../../model/enums.js'
import { bodyMessages } from '../errors/body-messages.js'
import type { View } from '../http/api-version.js'
import type { ComparisonOperator } from './filter-ast.js'
import type { PropertyTable, QueryableProperty, QueryValue, ValueType } from './property-table.js'

/** Building blocks of the property tables: what $filter, $orderby, $select and $expand may use per entity. */

export const EQUALITY: readonly ComparisonOperator[] = ['eq', 'ne']
export const ALL: readonly ComparisonOperator[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge']
export const NONE: readonly ComparisonOperator[] = []

export function queryable<T>(
  type: ValueType,
  operators: readonly ComparisonOperator[],
  orderable: boolean,
  read: (item: T) => QueryValue
): QueryableProperty<T> {
  return { type, operators, orderable, read }
}

export const STRING: ValueType = { kind: 'string' }
export const BOOLEAN: ValueType = { kind: 'boolean' }
export const INT32: ValueType = { kind: 'int32' }
export const DATE_TIME: ValueType = { kind: 'dateTimeOffset' }

/**
 * An enum as $filter sees it in a view: the members of the API version; without
 * `Prefer: include-unknown-enum-members` the evolvable ones cannot be named, as in a body.
 */
export function enumValue(type: EnumType, view: View): ValueType {
  const members = membersIn(type, view.version)
  const withheld = view.includeUnknownEnumMembers
    ? []
    : evolvableMembers(type).filter((member) => members.includes(member))
  return {
    kind: 'enum',
    typeName: type.typeName,
    members,
    withheld: { members: withheld, message: (member) => bodyMessages.evolvableMember(member, type.typeName) }
  }
}

/** `eq`, `ne` and `$orderby` on an enum property, as the view sees the enum. */
export function enumProperty<T>(
  type: EnumType,
  view: View,
  read: (item: T) => QueryValue
): QueryableProperty<T> {
  return queryable(enumValue(type, view), EQUALITY, true, read)
}

/** Every comparison and `$orderby` on the named DateTimeOffset properties of an entity. */
export function dateTimeProperties<T>(
  names: readonly (keyof T & string)[]
): Record<string, QueryableProperty<T>> {
  return Object.fromEntries(
    names.map((name) => [name, queryable<T>(DATE_TIME, ALL, true, (item) => item[name] as QueryValue)])
  )
}

/** One table per view, built on first use: the tables depend only on the version and the Prefer header. */
export function tablesPerView<T>(build: (view: View) => PropertyTable<T>): (view: View) => PropertyTable<T> {
  const tables = new Map<string, PropertyTable<T>>()
  return (view) => {
    const key = `${view.version}:${view.includeUnknownEnumMembers}`
    let table = tables.get(key)
    if (table === undefined) {
      table = build(view)
      tables.set(key, table)
    }
    return table
  }
}

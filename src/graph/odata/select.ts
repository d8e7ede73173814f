import { parseNameList } from './name-list.js'
import { type PropertyTable, unknownPropertyMessage } from './property-table.js'
import { ODataQueryError } from './query-error.js'

const OPTION = '$select'

/**
 * The selected top-level properties in the client's order (the order `@odata.context` shows them in).
 * `*` selects everything, which is the same as no $select: undefined.
 */
export function parseSelect(text: string, table: PropertyTable<unknown>): string[] | undefined {
  const names = parseNameList(OPTION, text)
  for (const name of names) {
    if (name !== '*' && !table.selectable.includes(name)) {
      throw ODataQueryError.invalid(OPTION, unknownPropertyMessage(table, name))
    }
  }
  return names.includes('*') ? undefined : names
}

/** Keeps only the selected properties of an entity, in the entity's own property order. */
export function selectProperties(
  entity: object,
  select: readonly string[] | undefined
): Record<string, unknown> {
  if (!select) return { ...entity }
  return Object.fromEntries(Object.entries(entity).filter(([name]) => select.includes(name)))
}

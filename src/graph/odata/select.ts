import { describeToken, TokenStream } from './lexer.js'
import { type PropertyTable, unknownPropertyMessage } from './property-table.js'
import { ODataQueryError } from './query-error.js'

/** Parses `name, name, …` (a name may be `*`) as $select and $expand write it; repeats are dropped. */
export function parseNameList(option: string, text: string): string[] {
  const tokens = new TokenStream(option, text)
  const names = new Set<string>()
  for (;;) {
    const item = tokens.next()
    if (item.kind === 'word' || (item.kind === 'punct' && item.text === '*')) names.add(item.text)
    else throw tokens.fail(item, `expected a property name but found ${describeToken(item)}`)
    const separator = tokens.next()
    if (separator.kind === 'end') return [...names]
    if (!(separator.kind === 'punct' && separator.text === ',')) {
      throw tokens.fail(separator, `expected ',' or the end but found ${describeToken(separator)}`)
    }
  }
}

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

/**
 * Keeps only the selected properties of an entity, in the entity's own property order; expanded navigation
 * properties (and their `@odata.context`) stay, as $expand asks for them whatever $select says.
 */
export function selectProperties(
  entity: object,
  select: readonly string[] | undefined,
  expand: readonly string[] = []
): Record<string, unknown> {
  if (!select) return { ...entity }
  // `tasks@odata.context` goes with `tasks`.
  const kept = (name: string) => {
    const property = name.split('@')[0] ?? name
    return select.includes(property) || expand.includes(property)
  }
  return Object.fromEntries(Object.entries(entity).filter(([name]) => kept(name)))
}

import { parseDateTimeOffset } from '../../model/date-time.js'
import type { ValueType } from './property-table.js'

/** A value reduced to something `<` orders correctly. */
export type OrderKey = string | number | bigint

/**
 * Strings order ordinally, enums by member value (their position in the member list), date-times as
 * instants in ticks, so the 7th fraction digit and offsets count; `false` before `true`.
 */
export function orderKey(type: ValueType, value: string | number | boolean): OrderKey {
  switch (type.kind) {
    case 'string':
      return String(value)
    case 'boolean':
      return value === true ? 1 : 0
    case 'int32':
      return Number(value)
    case 'enum':
      return type.members.indexOf(String(value))
    case 'dateTimeOffset': {
      const ticks = parseDateTimeOffset(String(value))
      if (ticks === undefined) throw new Error(`Stored value '${value}' is not a DateTimeOffset`)
      return ticks
    }
  }
}

export function compareKeys(a: OrderKey, b: OrderKey): number {
  return a < b ? -1 : a > b ? 1 : 0
}

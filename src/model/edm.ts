import { FormatRegistry, Type } from '@sinclair/typebox'
import { epochSeconds, parseDateTime } from './date-time.js'

/** Graph's Edm primitive types as TypeBox schemas; `edmType` names the type in Graph's error messages. */

const INT32_MIN = -2_147_483_648
const INT32_MAX = 2_147_483_647

export const Int32 = Type.Integer({ minimum: INT32_MIN, maximum: INT32_MAX, edmType: 'Edm.Int32' })

// .NET's DateTimeOffset range: years 0001 to 9999 in UTC.
const MIN_UTC = new Date('0001-01-01T00:00:00Z').getTime() / 1000
const MAX_UTC = new Date('9999-12-31T23:59:59Z').getTime() / 1000

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}

/**
 * Parses an RFC 3339 date-time (offset required, up to 7 fraction digits, real calendar dates) and returns it
 * in UTC with `Z`, keeping the fraction digits as sent; `undefined` when the literal is not a DateTimeOffset.
 */
export function normalizeDateTimeOffset(literal: string): string | undefined {
  const parts = parseDateTime(literal, 'rfc3339')
  if (parts === undefined) return undefined
  // Already UTC (the common case, checked on every PATCH): any year 0001-9999 is in range and only the letters'
  // case can differ from the normal form, so the literal itself is the answer, without a Date or a new string.
  const zone = literal[literal.length - 1]
  if (zone === 'Z' || zone === 'z')
    return zone === 'Z' && literal[10] === 'T' ? literal : literal.toUpperCase()
  const utc = epochSeconds(parts)
  if (utc < MIN_UTC || utc > MAX_UTC) return undefined
  const date = new Date(utc * 1000)
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}${parts.fraction}Z`
  )
}

/**
 * The normal form of a literal the DateTimeOffset schema has already accepted. One already in UTC with an
 * upper-case `T` and `Z` is its own normal form, so values that were just validated are not parsed again.
 */
export function normalizeCheckedDateTimeOffset(literal: string): string {
  return literal[10] === 'T' && literal.endsWith('Z')
    ? literal
    : (normalizeDateTimeOffset(literal) ?? literal)
}

FormatRegistry.Set('date-time-offset', (value) => normalizeDateTimeOffset(value) !== undefined)

export const DateTimeOffset = Type.String({ format: 'date-time-offset', edmType: 'Edm.DateTimeOffset' })

export const NullableDateTimeOffset = Type.Union([DateTimeOffset, Type.Null()], {
  edmType: 'Edm.DateTimeOffset'
})

import { FormatRegistry, Type } from '@sinclair/typebox'

/** Graph's Edm primitive types as TypeBox schemas; `edmType` names the type in Graph's error messages. */

const INT32_MIN = -2_147_483_648
const INT32_MAX = 2_147_483_647

export const Int32 = Type.Integer({ minimum: INT32_MIN, maximum: INT32_MAX, edmType: 'Edm.Int32' })

const DATE_TIME_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,7})?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/
const MS_PER_MINUTE = 60_000
// .NET's DateTimeOffset range: offsets up to ±14:00, years 0001 to 9999.
const MAX_OFFSET_MINUTES = 14 * 60
const MIN_UTC = new Date('0001-01-01T00:00:00Z').getTime()
const MAX_UTC = new Date('9999-12-31T23:59:59Z').getTime()
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0)
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}

/**
 * Parses an RFC 3339 date-time (offset required, up to 7 fraction digits, real calendar dates) and returns it
 * in UTC with `Z`, keeping the fraction digits as sent; `undefined` when the literal is not a DateTimeOffset.
 */
export function normalizeDateTimeOffset(literal: string): string | undefined {
  const match = DATE_TIME_OFFSET.exec(literal)
  if (match === null) return undefined
  const [, y, mo, d, h, mi, s, fraction = '', zulu, sign, oh, om] = match
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = Number(s)
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  let offsetMinutes = 0
  if (zulu === undefined) {
    const offsetHours = Number(oh)
    const offsetMins = Number(om)
    if (offsetMins > 59) return undefined
    offsetMinutes = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins)
    if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) return undefined
  }
  const local = new Date(0)
  local.setUTCFullYear(year, month - 1, day)
  local.setUTCHours(hour, minute, second, 0)
  const utc = local.getTime() - offsetMinutes * MS_PER_MINUTE
  if (utc < MIN_UTC || utc > MAX_UTC) return undefined
  const date = new Date(utc)
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}${fraction}Z`
  )
}

FormatRegistry.Set('date-time-offset', (value) => normalizeDateTimeOffset(value) !== undefined)

export const DateTimeOffset = Type.String({ format: 'date-time-offset', edmType: 'Edm.DateTimeOffset' })

export const NullableDateTimeOffset = Type.Union([DateTimeOffset, Type.Null()], {
  edmType: 'Edm.DateTimeOffset'
})

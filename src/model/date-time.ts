/**
 * Edm.DateTimeOffset: one parser for the two grammars the mock reads (request bodies and fixtures use RFC 3339;
 * OData URL literals may leave out the seconds), with real calendar checks, up to 7 fraction digits (.NET's
 * precision) and offsets up to ±14:00.
 */

export interface DateTimeParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  /** The fraction as sent, with its dot (`.10`), or empty. */
  fraction: string
  offsetMinutes: number
}

const GRAMMARS = {
  rfc3339: /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,7})?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/,
  odataLiteral:
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,7})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/
}

const MAX_OFFSET_MINUTES = 14 * 60
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0)
}

/** The parts of a date-time literal, or `undefined` when it is not a real instant in the grammar. */
export function parseDateTime(literal: string, grammar: keyof typeof GRAMMARS): DateTimeParts | undefined {
  const match = GRAMMARS[grammar].exec(literal)
  if (match === null) return undefined
  const [, year, month, day, hour, minute, second = '0', fraction = '', sign, offsetHour, offsetMinute] =
    match
  const parts = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    fraction,
    offsetMinutes:
      sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHour) * 60 + Number(offsetMinute))
  }
  const { year: y, month: mo, day: d } = parts
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined
  if (parts.hour > 23 || parts.minute > 59 || parts.second > 59) return undefined
  if (Number(offsetMinute ?? 0) > 59 || Math.abs(parts.offsetMinutes) > MAX_OFFSET_MINUTES) return undefined
  return parts
}

/** Seconds since the Unix epoch of the instant (proleptic Gregorian; Howard Hinnant's days_from_civil). */
export function epochSeconds(parts: DateTimeParts): number {
  const y = parts.month <= 2 ? parts.year - 1 : parts.year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (parts.month + (parts.month > 2 ? -3 : 9)) + 2) / 5) + parts.day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  const days = era * 146_097 + dayOfEra - 719_468
  return days * 86_400 + parts.hour * 3600 + parts.minute * 60 + parts.second - parts.offsetMinutes * 60
}

const TICKS_PER_SECOND = 10_000_000n

/**
 * Parses an Edm.DateTimeOffset URL literal (seconds optional) into UTC ticks (100 ns since the Unix epoch).
 * BigInt keeps the 7th fraction digit that a JS Date would drop. Returns undefined for anything that is not
 * a real instant.
 */
export function parseDateTimeOffset(text: string): bigint | undefined {
  const parts = parseDateTime(text, 'odataLiteral')
  if (parts === undefined) return undefined
  return BigInt(epochSeconds(parts)) * TICKS_PER_SECOND + BigInt(parts.fraction.slice(1).padEnd(7, '0'))
}

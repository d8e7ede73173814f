// OData's dateTimeOffsetValue (seconds optional) with at most 7 fraction digits, .NET's precision.
const DATE_TIME_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/

const TICKS_PER_SECOND = 10_000_000n
const MAX_OFFSET_MINUTES = 14 * 60

/**
 * Parses an Edm.DateTimeOffset literal into UTC ticks (100 ns since the Unix epoch). BigInt keeps the
 * 7th fraction digit that a JS Date would drop. Returns undefined for anything that is not a real instant.
 */
export function parseDateTimeOffset(text: string): bigint | undefined {
  const match = DATE_TIME_OFFSET.exec(text)
  if (!match) return undefined
  const [, year, month, day, hour, minute, second = '0', fraction = '', sign, offsetHour, offsetMinute] =
    match
  const y = Number(year)
  const mo = Number(month)
  const d = Number(day)
  const h = Number(hour)
  const mi = Number(minute)
  const s = Number(second)
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined
  if (h > 23 || mi > 59 || s > 59) return undefined
  const offsetMinutes = sign ? (Number(offsetHour) * 60 + Number(offsetMinute)) * (sign === '-' ? -1 : 1) : 0
  if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES || Number(offsetMinute ?? 0) > 59) return undefined
  const seconds = daysFromCivil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - offsetMinutes * 60
  return BigInt(seconds) * TICKS_PER_SECOND + BigInt(fraction.padEnd(7, '0'))
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

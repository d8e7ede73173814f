import { epochSeconds, parseDateTime } from '../../model/date-time.js'

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

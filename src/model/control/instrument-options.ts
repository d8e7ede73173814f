/** The syntaxes of the start-up options for faults, latency and throttling, decoded for the server. */

/** The statuses a fault can answer with, each with Graph's code and message (see GraphError). */
export const FAULT_STATUSES = [429, 500, 502, 503, 504] as const
export type FaultStatus = (typeof FAULT_STATUSES)[number]

/** Bounds every injected delay, so a typo cannot hang a test suite. */
export const MAX_DELAY_MS = 60_000

export interface Range {
  min: number
  max: number
}

export interface RateLimit {
  limit: number
  windowMs: number
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** `500, 503` → [500, 503]; the config schema has checked the syntax. */
export function parseFaultStatuses(text: string): FaultStatus[] {
  return text.split(',').map((status) => Number(status.trim()) as FaultStatus)
}

/** `50-200` → { min: 50, max: 200 }; `100` → { min: 100, max: 100 }. */
export function parseLatency(text: string): Range {
  const [min = 0, max = min] = text.split('-').map((part) => Number(part.trim()))
  if (min > max) throw new Error(`the minimum ${min} is above the maximum ${max}`)
  if (max > MAX_DELAY_MS) throw new Error(`delays are limited to ${MAX_DELAY_MS} ms`)
  return { min, max }
}

/** `100/10s` → { limit: 100, windowMs: 10000 }; `off` → undefined. */
export function parseRateLimit(text: string): RateLimit | undefined {
  const match = /^(\d+)\/(\d+)(ms|s|m|h)$/.exec(text)
  if (match === null) return undefined
  const [, limit, amount, unit = 's'] = match
  return { limit: Number(limit), windowMs: Number(amount) * (UNIT_MS[unit] ?? 1000) }
}

import type { Measurement } from './load.js'
import type { Method } from './requests.js'

/** One server's figures for one method, over every round. */
export interface Summary {
  server: string
  method: Method
  rounds: number
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  failures: number
  cpuMicrosPerRequest: number
  /** Redis's CPU per request, for a mock that keeps its state there; NaN for the others. */
  backendCpuMicrosPerRequest: number
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length

/** Means over the rounds; CPU per request is total CPU over total requests, so long rounds weigh more. */
export function summarize(measurements: Measurement[], server: string, method: Method): Summary {
  const rounds = measurements.filter((entry) => entry.server === server && entry.method === method)
  if (rounds.length === 0) throw new Error(`no measurement of ${method} on ${server}`)
  const requests = rounds.reduce((sum, entry) => sum + entry.requests, 0)
  const cpu = rounds.reduce((sum, entry) => sum + entry.cpuMicrosPerRequest * entry.requests, 0)
  const backendCpu = rounds.reduce(
    (sum, entry) => sum + (entry.backendCpuMicrosPerRequest ?? Number.NaN) * entry.requests,
    0
  )
  return {
    server,
    method,
    rounds: rounds.length,
    requestsPerSecond: mean(rounds.map((entry) => entry.requestsPerSecond)),
    p50Ms: mean(rounds.map((entry) => entry.p50Ms)),
    p99Ms: mean(rounds.map((entry) => entry.p99Ms)),
    failures: rounds.reduce((sum, entry) => sum + entry.failures, 0),
    cpuMicrosPerRequest: cpu / requests,
    backendCpuMicrosPerRequest: backendCpu / requests
  }
}

/** How far apart the rounds of one server are (max/min − 1), to tell a disturbed run. */
export function roundSpread(measurements: Measurement[], server: string, method: Method): number {
  const rates = measurements
    .filter((entry) => entry.server === server && entry.method === method)
    .map((entry) => entry.requestsPerSecond)
  return Math.max(...rates) / Math.min(...rates) - 1
}

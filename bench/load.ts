import autocannon from 'autocannon'
import { cpuMicros } from './proc.js'
import type { LoadRequest, Method } from './requests.js'
import type { RunningServer } from './server-process.js'

export const CONNECTIONS = 50

export interface Measurement {
  server: string
  method: Method
  round: number
  requests: number
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  /** Answers that were not 2xx, plus connection errors and timeouts. */
  failures: number
  /** The server process's own CPU time over the measured window, per answered request. */
  cpuMicrosPerRequest: number
}

export interface LoadSettings {
  seconds: number
  warmupSeconds: number
}

function drive(load: LoadRequest, seconds: number) {
  return autocannon({
    url: load.url,
    method: load.method,
    headers: load.headers,
    ...(load.body === undefined ? {} : { body: load.body }),
    connections: CONNECTIONS,
    duration: seconds
  })
}

/** Unmeasured load before the rounds, for a runtime that compiles late (the JVM). */
export async function warmUp(load: LoadRequest, seconds: number): Promise<void> {
  await drive(load, seconds)
}

/** Warms the server up with the same load, then measures it for `settings.seconds`. */
export async function measure(
  server: RunningServer,
  load: LoadRequest,
  round: number,
  settings: LoadSettings
): Promise<Measurement> {
  await drive(load, settings.warmupSeconds)
  const cpuBefore = cpuMicros(server.pid)
  const result = await drive(load, settings.seconds)
  const cpu = cpuMicros(server.pid) - cpuBefore
  const requests = result.requests.total
  return {
    server: server.spec.name,
    method: load.method,
    round,
    requests,
    requestsPerSecond: requests / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    cpuMicrosPerRequest: requests > 0 ? cpu / requests : Number.NaN
  }
}

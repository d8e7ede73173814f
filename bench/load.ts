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
  /** The CPU time of the process that keeps its state (Redis) over the same window, per answered request. */
  backendCpuMicrosPerRequest?: number
}

export interface LoadSettings {
  seconds: number
  warmupSeconds: number
}

function drive(load: LoadRequest, seconds: number) {
  return autocannon({
    url: load.url,
    method: load.verb,
    headers: load.headers,
    ...(load.body === undefined ? {} : { body: load.body }),
    connections: CONNECTIONS,
    duration: seconds
  })
}

/** JIT warm-up: windows of this much load per method, until CPU per request stops falling by 10 %. */
const JIT_WINDOW_SECONDS = 5
const JIT_MAX_WINDOWS = 12
const JIT_STEADY = 0.9

/**
 * Unmeasured load before the rounds for a runtime that compiles late (the JVM, whose CPU per request fell
 * ~15× over its first minute of load here): windows of every load until a window costs less than 10 % less
 * CPU per request than the one before, at most 12 windows. Returns each window's CPU µs per request.
 */
export async function warmUpUntilSteady(server: RunningServer, loads: LoadRequest[]): Promise<number[]> {
  const perWindow: number[] = []
  for (let window = 0; window < JIT_MAX_WINDOWS; window++) {
    const cpuBefore = cpuMicros(server.pid)
    let requests = 0
    for (const load of loads) requests += (await drive(load, JIT_WINDOW_SECONDS)).requests.total
    const current = (cpuMicros(server.pid) - cpuBefore) / Math.max(requests, 1)
    const previous = perWindow.at(-1)
    perWindow.push(current)
    if (previous !== undefined && current >= previous * JIT_STEADY) break
  }
  return perWindow
}

/** Warms the server up with the same load, then measures it for `settings.seconds`. */
export async function measure(
  server: RunningServer,
  load: LoadRequest,
  round: number,
  settings: LoadSettings
): Promise<Measurement> {
  await drive(load, settings.warmupSeconds)
  const backend = server.backendPid?.()
  const cpuBefore = cpuMicros(server.pid)
  const backendBefore = backend === undefined ? 0 : cpuMicros(backend)
  const result = await drive(load, settings.seconds)
  const cpu = cpuMicros(server.pid) - cpuBefore
  const requests = result.requests.total
  const perRequest = (micros: number) => (requests > 0 ? micros / requests : Number.NaN)
  return {
    server: server.spec.name,
    method: load.method,
    round,
    requests,
    requestsPerSecond: requests / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    cpuMicrosPerRequest: perRequest(cpu),
    ...(backend === undefined
      ? {}
      : { backendCpuMicrosPerRequest: perRequest(cpuMicros(backend) - backendBefore) })
  }
}

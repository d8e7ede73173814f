import type { Summary } from '../summary.js'
import type { UnmeasuredPeer } from './peer.js'

/** A server measured in the rounds, and what it does per request. */
export interface Compared {
  name: string
  note: string
}

/** One server's figures ÷ raw node:http's, from the same run (above 1: more requests, more CPU, more memory). */
export interface PeerRatios {
  patchRate: number
  getRate: number
  patchCpu: number
  getCpu: number
  peakRss: number
}

export type ComparisonRow = Compared & ({ ratios: PeerRatios } | { notMeasured: string })

/** Every compared server's req/s, CPU per request and peak RSS as ratios to raw node:http. */
export function compareWithRaw(
  summaries: Summary[],
  peakRssMB: (name: string) => number,
  raw: string,
  measured: Compared[],
  unmeasured: UnmeasuredPeer[]
): ComparisonRow[] {
  const pick = (name: string, method: Summary['method']) => {
    const found = summaries.find((entry) => entry.server === name && entry.method === method)
    if (found === undefined) throw new Error(`no summary of ${method} on ${name}`)
    return found
  }
  const ratio = (
    name: string,
    method: Summary['method'],
    field: 'requestsPerSecond' | 'cpuMicrosPerRequest'
  ) => pick(name, method)[field] / pick(raw, method)[field]
  return [
    ...measured.map(({ name, note }) => ({
      name,
      note,
      ratios: {
        patchRate: ratio(name, 'PATCH', 'requestsPerSecond'),
        getRate: ratio(name, 'GET', 'requestsPerSecond'),
        patchCpu: ratio(name, 'PATCH', 'cpuMicrosPerRequest'),
        getCpu: ratio(name, 'GET', 'cpuMicrosPerRequest'),
        peakRss: peakRssMB(name) / peakRssMB(raw)
      }
    })),
    ...unmeasured.map(({ name, note, reason }) => ({ name, note, notMeasured: reason }))
  ]
}

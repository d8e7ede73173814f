import type { Measurement } from './load.js'
import { type Compared, compareWithRaw } from './peers/compare.js'
import type { UnmeasuredPeer } from './peers/peer.js'
import { BATCH_SIZE, type Method } from './requests.js'
import { roundSpread, type Summary, summarize } from './summary.js'
import { evaluateTargets } from './targets.js'

export const METHODS: readonly Method[] = ['PATCH', 'GET']
export const NAMES = {
  raw: 'raw node:http',
  fastify: 'bare Fastify',
  mock: 'mock',
  /** The same mock with `--journal-size 0`: no journal, so no findings, report or stream to feed. */
  journalOff: 'mock, journal off',
  /** The same mock with `--redis-url`: every piece of state in a redis-server the bench starts. */
  redis: 'mock, Redis',
  /** A fresh mock with the bundled fixtures, so that both scale servers have served the same requests. */
  small: 'mock (restarted)',
  scale: 'mock, 100k records'
} as const

/** What bare Fastify and the mock do per request, beside the peers' notes. */
const NOTES = {
  fastify: 'merges the PATCH body into a stored object; no auth, validation or logging',
  mock: 'Graph: token claims and permissions, strict PATCH body validation, store update, request journal, a JSON log line'
}

export interface ServerFigures {
  name: string
  /** Median of the start samples. */
  startMs: number
  startSamplesMs: number[]
  rssAfterStartMB: number
  peakRssMB: number
}

/**
 * What one run measured: the bundled-fixture rounds (raw, Fastify, mock and, with `--peers`, the peers) and
 * the scale rounds (small, 100k).
 */
export interface Collected {
  bundled: Measurement[]
  /** The mock's `$batch` rounds (`BATCH_SIZE` GETs each). */
  batch: Measurement[]
  scale: Measurement[]
  servers: ServerFigures[]
  peers?: { measured: Compared[]; unmeasured: UnmeasuredPeer[] }
}

function figuresOf(servers: ServerFigures[], name: string): ServerFigures {
  const found = servers.find((entry) => entry.name === name)
  if (found === undefined) throw new Error(`no start figures for ${name}`)
  return found
}

/** Summaries per server and method, the ratios the targets are judged on, and the targets. */
export function analyse({ bundled, batch, scale, servers, peers }: Collected) {
  const bundledOf = (name: string) => METHODS.map((method) => summarize(bundled, name, method))
  const peerNames = peers?.measured.map((peer) => peer.name) ?? []
  const summaries = {
    bundled: [NAMES.raw, NAMES.fastify, NAMES.mock, NAMES.journalOff, NAMES.redis, ...peerNames].flatMap(
      bundledOf
    ),
    batch: [summarize(batch, NAMES.mock, 'BATCH')],
    scale: [NAMES.small, NAMES.scale].flatMap((name) =>
      METHODS.map((method) => summarize(scale, name, method))
    )
  }
  const pick = (list: Summary[], name: string, method: Method) =>
    list.find((entry) => entry.server === name && entry.method === method) as Summary
  const bundledRatio = (method: Method, field: 'requestsPerSecond' | 'cpuMicrosPerRequest', base: string) =>
    pick(summaries.bundled, NAMES.mock, method)[field] / pick(summaries.bundled, base, method)[field]
  // What the journal (with the facts the findings read) costs each request: CPU on minus CPU off.
  const journalCost = (method: Method) =>
    pick(summaries.bundled, NAMES.mock, method).cpuMicrosPerRequest -
    pick(summaries.bundled, NAMES.journalOff, method).cpuMicrosPerRequest
  // The Redis backend against the memory one: the mock's own CPU, its throughput, and Redis's CPU beside.
  const redisRatio = (method: Method, field: 'requestsPerSecond' | 'cpuMicrosPerRequest') =>
    pick(summaries.bundled, NAMES.redis, method)[field] / pick(summaries.bundled, NAMES.mock, method)[field]
  const scaleRatio = (method: Method) =>
    pick(summaries.scale, NAMES.scale, method).cpuMicrosPerRequest /
    pick(summaries.scale, NAMES.small, method).cpuMicrosPerRequest
  const ratios = {
    patchRateVsRaw: bundledRatio('PATCH', 'requestsPerSecond', NAMES.raw),
    getRateVsRaw: bundledRatio('GET', 'requestsPerSecond', NAMES.raw),
    patchRateVsFastify: bundledRatio('PATCH', 'requestsPerSecond', NAMES.fastify),
    getRateVsFastify: bundledRatio('GET', 'requestsPerSecond', NAMES.fastify),
    patchCpuVsRaw: bundledRatio('PATCH', 'cpuMicrosPerRequest', NAMES.raw),
    patchCpuVsFastify: bundledRatio('PATCH', 'cpuMicrosPerRequest', NAMES.fastify),
    getCpuVsFastify: bundledRatio('GET', 'cpuMicrosPerRequest', NAMES.fastify),
    // One batch of BATCH_SIZE GETs against BATCH_SIZE single GETs, in the mock's CPU.
    batchCpuVsSingles:
      pick(summaries.batch, NAMES.mock, 'BATCH').cpuMicrosPerRequest /
      (BATCH_SIZE * pick(summaries.bundled, NAMES.mock, 'GET').cpuMicrosPerRequest),
    scalePatchCpuVsSmall: scaleRatio('PATCH'),
    scaleGetCpuVsSmall: scaleRatio('GET'),
    journalPatchMicros: journalCost('PATCH'),
    journalGetMicros: journalCost('GET'),
    redisPatchCpuVsMemory: redisRatio('PATCH', 'cpuMicrosPerRequest'),
    redisGetCpuVsMemory: redisRatio('GET', 'cpuMicrosPerRequest'),
    redisPatchRateVsMemory: redisRatio('PATCH', 'requestsPerSecond'),
    redisGetRateVsMemory: redisRatio('GET', 'requestsPerSecond'),
    redisOwnPatchMicros: pick(summaries.bundled, NAMES.redis, 'PATCH').backendCpuMicrosPerRequest,
    redisOwnGetMicros: pick(summaries.bundled, NAMES.redis, 'GET').backendCpuMicrosPerRequest
  }
  const mock = figuresOf(servers, NAMES.mock)
  const large = figuresOf(servers, NAMES.scale)
  const targets = evaluateTargets({
    patchRateVsRaw: ratios.patchRateVsRaw,
    patchCpuVsFastify: ratios.patchCpuVsFastify,
    getCpuVsFastify: ratios.getCpuVsFastify,
    startMs: mock.startMs,
    peakRssMB: mock.peakRssMB,
    scaleStartMs: large.startMs,
    scalePeakRssMB: large.peakRssMB,
    scalePatchCpuVsSmall: ratios.scalePatchCpuVsSmall,
    scaleGetCpuVsSmall: ratios.scaleGetCpuVsSmall,
    batchCpuVsSingles: ratios.batchCpuVsSingles,
    redisPatchCpuVsMemory: ratios.redisPatchCpuVsMemory
  })
  const spreadsOf = (measurements: Measurement[], phase: string) =>
    [...new Set(measurements.map((entry) => entry.server))].flatMap((name) =>
      METHODS.map((method) => ({
        phase,
        server: name,
        method,
        spread: roundSpread(measurements, name, method)
      }))
    )
  const spreads = [...spreadsOf(bundled, 'bundled'), ...spreadsOf(scale, 'scale')]
  const comparison =
    peers &&
    compareWithRaw(
      summaries.bundled,
      (name) => figuresOf(servers, name).peakRssMB,
      NAMES.raw,
      [
        { name: NAMES.fastify, note: NOTES.fastify },
        { name: NAMES.mock, note: NOTES.mock },
        ...peers.measured
      ],
      peers.unmeasured
    )
  return { servers, summaries, ratios, targets, spreads, comparison }
}

export type Analysis = ReturnType<typeof analyse>

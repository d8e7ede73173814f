import { execFileSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { startRedisServer } from '../test/helpers/redis-server.js'
import { analyse, METHODS, NAMES, type ServerFigures } from './analyse.js'
import { CONNECTIONS, type LoadSettings, type Measurement, measure, warmUpUntilSteady } from './load.js'
import { installPeers, PEER_PACKAGES, packageSpec } from './peers/install.js'
import type { Peer } from './peers/peer.js'
import { preparePeers } from './peers/prepare.js'
import { printReport } from './print.js'
import { loadAverage, memoryMB } from './proc.js'
import { loadRequest } from './requests.js'
import { scaleId, writeScaleFixture } from './scale-fixture.js'
import { type RunningServer, type ServerSpec, startPeer, startServer } from './server-process.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const CLI = join(ROOT, 'dist', 'cli.js')
const RESULTS = join(ROOT, 'bench', 'results')
const DOC_ID = '78b83505-6967-4168-a7ea-4921c0543ce9'

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '2' },
    records: { type: 'string', default: '100000' },
    'start-samples': { type: 'string', default: '3' },
    profile: { type: 'boolean', default: false },
    'mock-args': { type: 'string', default: '' },
    // `--peers`: WireMock, json-server and Prism (installed into a temporary folder) join the bundled rounds.
    peers: { type: 'boolean', default: false }
  }
})
const settings: LoadSettings = { seconds: Number(flags.seconds), warmupSeconds: Number(flags.warmup) }
const rounds = Number(flags.rounds)
const records = Number(flags.records)
const startSamples = Number(flags['start-samples'])
// `--profile`: every mock process writes a V8 CPU profile to bench/results/profiles/ as it exits (slower).
const mockFlags = flags.profile ? ['--cpu-prof', '--cpu-prof-dir', join(RESULTS, 'profiles')] : []
// `--mock-args="--journal-size 1"`: extra options for every mock, to measure what an option costs.
const mockArgs = flags['mock-args'].split(/\s+/).filter((arg) => arg !== '')
const mock = (...args: string[]) => [...mockFlags, CLI, '--port', '0', ...args, ...mockArgs]

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN

/** Starts a server `startSamples` times, one at a time, and keeps the last one running. */
async function startTimed(name: string, startOnce: () => Promise<RunningServer>) {
  process.stderr.write(`starting ${name} (${startSamples}×)\n`)
  const startSamplesMs: number[] = []
  for (let sample = 1; ; sample++) {
    const server = await startOnce()
    startSamplesMs.push(server.startMs)
    if (sample >= startSamples) return { server, startSamplesMs }
    await server.stop()
  }
}

/** PATCH rounds, then GET rounds; each round visits every server, in an order rotated per round. */
async function runRounds(servers: RunningServer[], token: string): Promise<Measurement[]> {
  const measurements: Measurement[] = []
  for (const method of METHODS) {
    for (let round = 1; round <= rounds; round++) {
      for (let index = 0; index < servers.length; index++) {
        const server = servers[(index + round - 1) % servers.length] as RunningServer
        const load = loadRequest(method, server.baseUrl, server.spec.id, token)
        const measurement = await measure(server, load, round, settings)
        process.stderr.write(
          `  ${method} round ${round} ${server.spec.name}: ${measurement.requestsPerSecond.toFixed(0)} req/s, ` +
            `${measurement.cpuMicrosPerRequest.toFixed(1)} µs CPU/req\n`
        )
        measurements.push(measurement)
      }
    }
  }
  return measurements
}

async function main(): Promise<number> {
  const began = performance.now()
  const loadBefore = loadAverage()
  const token = execFileSync(process.execPath, [CLI, 'token'], { encoding: 'utf8' }).trim()
  const install = flags.peers ? await installPeers() : undefined
  const fixture = await writeScaleFixture(records)
  // A redis-server of the bench's own (loopback, a free port, no persistence), as the tests start one.
  const redis = await startRedisServer()
  const running: RunningServer[] = []
  const servers: ServerFigures[] = []
  const startWith = async (name: string, startOnce: () => Promise<RunningServer>) => {
    const { server, startSamplesMs } = await startTimed(name, startOnce)
    running.push(server)
    const figures = {
      name,
      startMs: median(startSamplesMs),
      startSamplesMs,
      rssAfterStartMB: server.rssAfterStart,
      peakRssMB: NaN
    }
    servers.push(figures)
    return { server, notePeak: () => Object.assign(figures, { peakRssMB: memoryMB(server.pid).peak }) }
  }
  const start = (spec: ServerSpec) => startWith(spec.name, () => startServer(spec, token))
  /** A peer starts like the other servers; one that compiles late then gets unmeasured load. */
  const startPeerTimed = async (peer: Peer) => {
    const entry = await startWith(peer.spec.name, () => startPeer(peer.spec, token))
    if (peer.compilesLate) {
      const loads = METHODS.map((method) => loadRequest(method, entry.server.baseUrl, peer.spec.id, token))
      const perWindow = await warmUpUntilSteady(entry.server, loads)
      const figures = perWindow.map((micros) => micros.toFixed(0)).join(', ')
      process.stderr.write(`  JIT warm-up of ${peer.spec.name}, CPU µs/req per window: ${figures}\n`)
    }
    return entry
  }
  try {
    const raw = await start({ name: NAMES.raw, args: [join(ROOT, 'bench/servers/raw-http.mjs')], id: DOC_ID })
    const fastify = await start({
      name: NAMES.fastify,
      args: [join(ROOT, 'bench/servers/bare-fastify.mjs')],
      id: DOC_ID
    })
    const small = await start({ name: NAMES.mock, args: mock(), id: DOC_ID })
    const off = await start({ name: NAMES.journalOff, args: mock('--journal-size', '0'), id: DOC_ID })
    const shared = await start({
      name: NAMES.redis,
      args: mock('--redis-url', redis.url, '--redis-prefix', 'bench:'),
      id: DOC_ID
    })
    shared.server.backendPid = () => redis.pid
    const peers = install && (await preparePeers(install, small.server, token))
    const peerEntries = []
    for (const peer of peers?.peers ?? []) peerEntries.push(await startPeerTimed(peer))
    process.stderr.write(
      `load: autocannon, ${CONNECTIONS} connections, ${settings.warmupSeconds} s warm-up + ${settings.seconds} s measured\n`
    )
    const firstEntries = [raw, fastify, small, off, shared, ...peerEntries]
    const bundled = await runRounds(
      firstEntries.map((entry) => entry.server),
      token
    )
    // The peaks of PATCH and GET load, before the batches add theirs.
    for (const entry of firstEntries) entry.notePeak()
    // A batch of 20 GETs against the single GETs above, on the mock alone (no other server has $batch).
    const batch: Measurement[] = []
    for (let round = 1; round <= rounds; round++) {
      const measurement = await measure(
        small.server,
        loadRequest('BATCH', small.server.baseUrl, DOC_ID, token),
        round,
        settings
      )
      process.stderr.write(
        `  BATCH round ${round} mock: ${measurement.cpuMicrosPerRequest.toFixed(1)} µs CPU/batch\n`
      )
      batch.push(measurement)
    }
    await Promise.all(firstEntries.map((entry) => entry.server.stop()))

    const restarted = await start({ name: NAMES.small, args: mock(), id: DOC_ID })
    const large = await start({
      name: NAMES.scale,
      args: mock('--fixtures', fixture.file),
      id: scaleId(Math.floor(records / 2))
    })
    const scale = await runRounds([restarted.server, large.server], token)
    for (const entry of [restarted, large]) entry.notePeak()

    const analysis = analyse({
      bundled,
      batch,
      scale,
      servers,
      ...(peers && {
        peers: {
          measured: peers.peers.map((peer) => ({ name: peer.spec.name, note: peer.note })),
          unmeasured: peers.unmeasured
        }
      })
    })
    if (mockArgs.length > 0) console.log(`\nEvery mock ran with: ${mockArgs.join(' ')}`)
    printReport(analysis)
    const durationSeconds = (performance.now() - began) / 1000
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      loadAverage: { before: loadBefore, after: loadAverage() },
      settings: {
        ...settings,
        rounds,
        records,
        startSamples,
        connections: CONNECTIONS,
        profile: flags.profile,
        peers: flags.peers
      },
      ...(install && { peerPackages: Object.values(PEER_PACKAGES).map(packageSpec) }),
      durationSeconds,
      ...analysis,
      measurements: { bundled, batch, scale }
    }
    await mkdir(RESULTS, { recursive: true })
    await writeFile(join(RESULTS, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`)
    console.log(`\nWritten to bench/results/latest.json; the whole run took ${durationSeconds.toFixed(0)} s.`)
    const failures = [...bundled, ...batch, ...scale].reduce((sum, entry) => sum + entry.failures, 0)
    if (failures > 0) console.error(`${failures} requests failed: the figures above are not valid.`)
    return failures > 0 ? 1 : 0
  } finally {
    await Promise.all(running.map((server) => server.stop()))
    await redis.close()
    await fixture.remove()
    await install?.remove()
  }
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  }
)

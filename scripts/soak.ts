import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { Pool } from 'undici'
import { KINDS } from './soak-traffic.js'

/**
 * `npm run soak -- [--duration 60] [--connections 8] [--sample-every 3] [--max-growth-mb 20]`: runs the built
 * server (`node dist/cli.js`) under a bounded mix of valid and invalid traffic from undici, samples its resident
 * memory, and fails on any 5xx, on any request kind answered with another status than its own or without
 * Graph's envelope, on connection errors, or when memory keeps growing after the warm-up (the first quarter).
 * undici rather than autocannon: Fastify closes the connection after a body it cannot parse, and autocannon
 * then loses the request it had already written on that socket without counting it.
 */

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '8' },
    'sample-every': { type: 'string', default: '3' },
    'max-growth-mb': { type: 'string', default: '20' }
  }
})
const durationS = Number(values.duration)
const connections = Number(values.connections)
const sampleEveryS = Number(values['sample-every'])
const maxGrowthMb = Number(values['max-growth-mb'])
for (const [flag, value] of Object.entries({ durationS, connections, sampleEveryS, maxGrowthMb })) {
  if (!(Number.isFinite(value) && value > 0))
    throw new Error(`Invalid soak option ${flag}: expected a positive number.`)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0))
    })
  })
}

/** Resident memory of a process in MB (10⁶ bytes), from `ps` (Linux and macOS). */
function rssMb(pid: number): number {
  return (
    (Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) * 1024) / 1e6
  )
}

async function waitUntilServing(base: string, child: ChildProcess): Promise<void> {
  for (let tries = 0; tries < 150; tries++) {
    if (child.exitCode !== null)
      throw new Error(`the server exited with code ${child.exitCode} before serving`)
    const healthy = await fetch(`${base}/_mock/health`).then(
      (response) => response.ok,
      () => false
    )
    if (healthy) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('the server did not answer /_mock/health within 15 s')
}

/** Sustained growth: the lowest sample of the last third above the highest of the first third (after warm-up). */
function growthAfterWarmUp(samples: { seconds: number; mb: number }[]): number {
  const settled = samples.filter((sample) => sample.seconds >= durationS / 4).map((sample) => sample.mb)
  const third = Math.max(1, Math.floor(settled.length / 3))
  return Math.min(...settled.slice(-third)) - Math.max(...settled.slice(0, third))
}

interface Load {
  /** Per kind of request: how often each status came back. */
  tally: Map<string, Map<number, number>>
  latencies: number[]
  notEnvelopes: string[]
  errors: string[]
}

/** `connections` loops, each sending the mix in turn until the deadline, reading every answer in full. */
async function runLoad(base: string): Promise<Load> {
  const pool = new Pool(base, { connections })
  const load: Load = { tally: new Map(), latencies: [], notEnvelopes: [], errors: [] }
  const deadline = Date.now() + durationS * 1000
  const loop = async (first: number) => {
    for (let n = first; Date.now() < deadline; n += connections) {
      const kind = KINDS[n % KINDS.length] as (typeof KINDS)[number]
      const started = performance.now()
      try {
        const response = await pool.request(kind.build(n))
        const text = await response.body.text()
        load.latencies.push(performance.now() - started)
        const statuses = load.tally.get(kind.name) ?? new Map<number, number>()
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1)
        load.tally.set(kind.name, statuses)
        if (response.statusCode >= 400 && !isEnvelope(text, response.headers['request-id']))
          load.notEnvelopes.push(`${kind.name}: ${text.slice(0, 120)}`)
      } catch (error) {
        load.errors.push(`${kind.name}: ${(error as Error).message}`)
      }
    }
  }
  await Promise.all(Array.from({ length: connections }, (_, index) => loop(index)))
  await pool.close()
  return load
}

function isEnvelope(text: string, requestId: unknown): boolean {
  try {
    const { error } = JSON.parse(text)
    return typeof error.code === 'string' && error.innerError['request-id'] === requestId
  } catch {
    return false
  }
}

function percentile(sorted: number[], fraction: number): string {
  return (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0).toFixed(1)
}

const port = await freePort()
const base = `http://127.0.0.1:${port}`
const child = spawn(process.execPath, ['dist/cli.js', '--port', String(port), '--log-level', 'warn'], {
  // The request log is off (warn); a warning or an error the server logs shows in the soak's output.
  stdio: ['ignore', 'inherit', 'inherit']
})
const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
const problems: string[] = []
try {
  await waitUntilServing(base, child)
  const pid = child.pid ?? 0
  const started = Date.now()
  const samples = [{ seconds: 0, mb: rssMb(pid) }]
  const sampler = setInterval(
    () => samples.push({ seconds: (Date.now() - started) / 1000, mb: rssMb(pid) }),
    sampleEveryS * 1000
  )
  console.log(`soak: ${durationS} s, ${connections} connections, node dist/cli.js on ${base}`)
  const load = await runLoad(base)
  clearInterval(sampler)
  samples.push({ seconds: (Date.now() - started) / 1000, mb: rssMb(pid) })

  const latencies = load.latencies.sort((a, b) => a - b)
  const byStatus = new Map<number, number>()
  for (const statuses of load.tally.values())
    for (const [status, count] of statuses) byStatus.set(status, (byStatus.get(status) ?? 0) + count)
  const fiveHundreds = [...byStatus]
    .filter(([status]) => status >= 500)
    .reduce((sum, [, count]) => sum + count, 0)
  console.log(
    `answers: ${latencies.length} (${Math.round(latencies.length / durationS)} per second); latency ms: ` +
      `p50 ${percentile(latencies, 0.5)}, p99 ${percentile(latencies, 0.99)}, max ${percentile(latencies, 1)}`
  )
  console.log(
    `statuses: ${[...byStatus]
      .sort()
      .map(([status, count]) => `${status} ×${count}`)
      .join(', ')}`
  )
  console.log(
    `5xx: ${fiveHundreds}; connection errors: ${load.errors.length}; error bodies not Graph's envelope: ${load.notEnvelopes.length}`
  )
  for (const { name, expected } of KINDS) {
    const statuses = [...(load.tally.get(name) ?? [])]
    console.log(
      `  ${name.padEnd(40)} expects ${expected}: ${statuses.map(([s, n]) => `${s} ×${n}`).join(', ') || 'none'}`
    )
    const others = statuses.filter(([status]) => status !== expected)
    if (statuses.length === 0 || others.length > 0) problems.push(`${name}: expected only ${expected}`)
  }
  console.log(
    `RSS MB: ${samples.map((sample) => `${Math.round(sample.seconds)}s ${sample.mb.toFixed(1)}`).join(', ')}`
  )
  const growth = growthAfterWarmUp(samples)
  console.log(`RSS growth after warm-up: ${growth.toFixed(1)} MB (limit ${maxGrowthMb} MB)`)

  if (fiveHundreds > 0) problems.push(`${fiveHundreds} answers were 5xx`)
  problems.push(...load.errors.slice(0, 5), ...load.notEnvelopes.slice(0, 5))
  if (growth > maxGrowthMb) problems.push(`memory kept growing after warm-up: +${growth.toFixed(1)} MB`)
  const after = await fetch(`${base}/_mock/health`)
  if (after.status !== 200) problems.push(`after the soak /_mock/health answered ${after.status}`)
} finally {
  child.kill('SIGTERM')
  const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000)
  const code = await exited
  clearTimeout(timeout)
  if (code !== 0) problems.push(`the server exited with code ${code} on SIGTERM`)
}

if (problems.length > 0) {
  console.log(`soak FAILED:\n  ${problems.join('\n  ')}`)
  process.exitCode = 1
} else {
  console.log(
    "soak passed: no 5xx, every kind got its status and Graph's envelope, memory flat after warm-up, exit 0"
  )
}

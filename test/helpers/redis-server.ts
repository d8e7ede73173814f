import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'

/** How long a redis-server may take to answer PING after it was started. */
const START_TIMEOUT_MS = 10_000
/** How long it may take to exit after SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = 5_000
const POLL_MS = 25
/** The last lines of its output, for the message when it fails to start. */
const KEPT_OUTPUT_LINES = 20

/**
 * A redis-server of the test's own: 127.0.0.1, a free port, its own temporary directory, and no persistence unless
 * asked (then an append-only file synced on every write, so that a restart keeps every acknowledged write).
 */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>`, for --redis-url. */
  readonly url: string
  readonly port: number
  /** The process id while it runs. */
  readonly pid: number | undefined
  /**
   * Stops it by its PID (SIGTERM, then SIGKILL after a bounded wait; or SIGKILL at once, a crash); `start` brings it
   * back on the same port.
   */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>
  /** Starts it again on the same port: empty, unless it is persistent. */
  start(): Promise<void>
  /** Stops it and removes its directory. */
  close(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  await once(server, 'close')
  if (address === null || typeof address === 'string') throw new Error('no port for redis-server')
  return address.port
}

/** One PING on a fresh connection that neither retries nor queues. */
async function answersPing(port: number): Promise<boolean> {
  const client = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 1000
  })
  client.on('error', () => {})
  try {
    await client.connect()
    return (await client.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    client.disconnect()
  }
}

function spawnRedis(port: number, dir: string, persistent: boolean, output: string[]): ChildProcess {
  const persistence = persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence]
  const child = spawn('redis-server', [...args, '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] })
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split('\n').filter(Boolean))
    output.splice(0, Math.max(0, output.length - KEPT_OUTPUT_LINES))
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  return child
}

async function waitForPing(child: ChildProcess, port: number, output: string[]): Promise<void> {
  let spawnError: Error | undefined
  child.once('error', (error) => {
    spawnError = error
  })
  const deadline = Date.now() + START_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (spawnError !== undefined) {
      throw new Error(
        `redis-server could not be started (${spawnError.message}). Install it: apt-get install redis-server, or run .ci/run.`
      )
    }
    if (child.exitCode !== null) {
      throw new Error(`redis-server exited with ${child.exitCode}:\n${output.join('\n')}`)
    }
    if (await answersPing(port)) return
    await sleep(POLL_MS)
  }
  await stopProcess(child)
  throw new Error(`redis-server did not answer PING within ${START_TIMEOUT_MS} ms:\n${output.join('\n')}`)
}

async function stopProcess(child: ChildProcess, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
  const exited = once(child, 'exit')
  process.kill(child.pid, signal)
  const stopped = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)])
  if (stopped) return
  process.kill(child.pid, 'SIGKILL')
  await exited
}

/** Starts a redis-server and waits (bounded) until it answers PING. */
export async function startRedisServer(options: { persistent?: boolean } = {}): Promise<RedisServer> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'glm-redis-'))
  const output: string[] = []
  let child: ChildProcess | undefined
  const start = async () => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) return
    child = spawnRedis(port, dir, options.persistent === true, output)
    await waitForPing(child, port, output)
  }
  const stop = async (signal?: 'SIGTERM' | 'SIGKILL') => {
    if (child !== undefined) await stopProcess(child, signal)
  }
  try {
    await start()
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return child?.exitCode === null ? child.pid : undefined
    },
    stop,
    start,
    async close() {
      await stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

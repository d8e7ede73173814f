import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { memoryMB } from './proc.js'
import { type LoadRequest, loadRequest } from './requests.js'

const READY_TIMEOUT_MS = 30_000
const READY_LINE = /ready: base URL (http:\/\/\S+?\/beta)\b/
/** How often a peer is asked whether it answers yet, and how long one such request may take. */
const POLL_INTERVAL_MS = 20
const POLL_TIMEOUT_MS = 2_000
/** The end of a peer's stderr kept for the error message (a peer may log every request there). */
const STDERR_TAIL = 4_000

export interface ServerSpec {
  name: string
  /** Arguments to `node`: a script and its flags. */
  args: string[]
  /** The record every request addresses. */
  id: string
}

/** Another mock server (a peer), started from its own command line on a port the bench picks. */
export interface PeerSpec {
  name: string
  id: string
  /** Its working folder (where it finds its stub files). */
  cwd: string
  /** The command line of a server on `port`, and the base URL (`http://host:port/prefix`) its routes then have. */
  launch(port: number): { command: string; args: string[]; baseUrl: string }
}

export interface RunningServer {
  spec: { name: string; id: string }
  pid: number
  baseUrl: string
  /** Process spawn to the first answered GET, in ms. */
  startMs: number
  /** Resident memory right after that first answer, in MB. */
  rssAfterStart: number
  /** The process that keeps its state, when it is another one (the Redis of a mock started with --redis-url). */
  backendPid?: () => number | undefined
  stop(): Promise<void>
}

/** Waits for the ready line on stdout, then discards the rest of stdout (the request log) without parsing it. */
function readyUrl(child: ChildProcess, stdout: Readable, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: stdout })
    const timer = setTimeout(
      () => fail(new Error(`${name} printed no ready line in ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS
    )
    const onExit = (code: number | null) =>
      fail(new Error(`${name} exited (code ${code}) before it was ready`))
    function finish() {
      clearTimeout(timer)
      child.off('exit', onExit)
      lines.close()
      stdout.resume()
    }
    function fail(error: Error) {
      finish()
      reject(error)
    }
    child.on('exit', onExit)
    lines.on('line', (line) => {
      const url = READY_LINE.exec(line)?.[1]
      if (url === undefined) return
      finish()
      resolve(url)
    })
  })
}

/**
 * Sends one request on a fresh connection and resolves with its status once the whole answer is read; with a
 * `timeoutMs`, a request without an answer by then fails.
 */
export function send(load: LoadRequest, timeoutMs?: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      load.url,
      { method: load.method, headers: load.headers, agent: false, timeout: timeoutMs },
      (answer) => {
        answer.resume()
        answer.on('end', () => resolve(answer.statusCode ?? 0))
      }
    )
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer in ${timeoutMs} ms`)))
    outgoing.on('error', reject)
    outgoing.end(load.body)
  })
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }
}

/**
 * Starts a server as its own `node` process and times it from spawn to the first answered GET (with the
 * token, so that auth and the route are on the path). Its stderr is kept for the error message.
 */
export async function startServer(spec: ServerSpec, token: string): Promise<RunningServer> {
  const started = performance.now()
  const child = spawn(process.execPath, spec.args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const stderr: string[] = []
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk))
  const stop = stopper(child)
  try {
    const baseUrl = await readyUrl(child, child.stdout, spec.name)
    const status = await send(loadRequest('GET', baseUrl, spec.id, token))
    const startMs = performance.now() - started
    if (status !== 200) throw new Error(`${spec.name} answered the first GET with ${status}`)
    const pid = child.pid ?? 0
    return { spec, pid, baseUrl, startMs, rssAfterStart: memoryMB(pid).rss, stop }
  } catch (error) {
    await stop()
    throw new Error(`Failed to start ${spec.name}: ${(error as Error).message}\n${stderr.join('')}`)
  }
}

/** A port free on 127.0.0.1 right now, for a peer that must be told its port. */
export async function freePort(): Promise<number> {
  const probe = createServer()
  probe.listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address() as AddressInfo
  probe.close()
  await once(probe, 'close')
  return port
}

/** Stops a peer's whole process group (it was spawned as the group's leader), SIGKILL after 5 s. */
function groupStopper(child: ChildProcess): () => Promise<void> {
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal)
    } catch {
      // The group is gone already.
    }
  }
  return async () => {
    if (child.pid === undefined) return // it never started
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit')
      signalGroup('SIGTERM')
      const timer = setTimeout(() => signalGroup('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    }
    // Whatever the leader started and left behind.
    signalGroup('SIGKILL')
  }
}

/** Asks every 20 ms until the GET is answered with a 2xx, for at most 30 s from `started`. */
async function firstAnswer(child: ChildProcess, get: LoadRequest, started: number): Promise<void> {
  let last = 'no answer'
  while (performance.now() - started < READY_TIMEOUT_MS) {
    last = await send(get, POLL_TIMEOUT_MS).then(String, (error: Error) => error.message)
    if (/^2\d\d$/.test(last)) return
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`it exited (last: ${last})`)
    await sleep(POLL_INTERVAL_MS)
  }
  throw new Error(`no 2xx answer to the GET in ${READY_TIMEOUT_MS} ms (last: ${last})`)
}

/**
 * Starts a peer in its own process group on a free port and times it from spawn to the first answered GET.
 * The PATCH must then be answered with a 2xx too, so that a stub that does not match fails here and not as a
 * round of errors.
 */
export async function startPeer(spec: PeerSpec, token: string): Promise<RunningServer> {
  const { command, args, baseUrl } = spec.launch(await freePort())
  const started = performance.now()
  const child = spawn(command, args, { cwd: spec.cwd, detached: true, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL)
  })
  const stop = groupStopper(child)
  try {
    await once(child, 'spawn')
    await firstAnswer(child, loadRequest('GET', baseUrl, spec.id, token), started)
    const startMs = performance.now() - started
    const pid = child.pid as number
    const rssAfterStart = memoryMB(pid).rss
    const patchStatus = await send(loadRequest('PATCH', baseUrl, spec.id, token), POLL_TIMEOUT_MS)
    if (patchStatus < 200 || patchStatus > 299) throw new Error(`it answered the PATCH with ${patchStatus}`)
    return { spec, pid, baseUrl, startMs, rssAfterStart, stop }
  } catch (error) {
    await stop()
    throw new Error(`Failed to start ${spec.name}: ${(error as Error).message}\n${stderr}`)
  }
}

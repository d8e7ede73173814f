import { type ChildProcess, spawn } from 'node:child_process'
import { request } from 'node:http'
import { performance } from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { memoryMB } from './proc.js'
import { type LoadRequest, loadRequest } from './requests.js'

const READY_TIMEOUT_MS = 30_000
const READY_LINE = /ready: base URL (http:\/\/\S+?\/beta)\b/

export interface ServerSpec {
  name: string
  /** Arguments to `node`: a script and its flags. */
  args: string[]
  /** The record every request addresses. */
  id: string
}

export interface RunningServer {
  spec: ServerSpec
  pid: number
  baseUrl: string
  /** Process spawn to the first answered GET, in ms. */
  startMs: number
  /** Resident memory right after that first answer, in MB. */
  rssAfterStart: number
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

/** Sends one request on a fresh connection and resolves with its status once the whole answer is read. */
export function send(load: LoadRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      load.url,
      { method: load.method, headers: load.headers, agent: false },
      (answer) => {
        answer.resume()
        answer.on('end', () => resolve(answer.statusCode ?? 0))
      }
    )
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

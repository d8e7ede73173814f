import { type ChildProcess, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
const CLI = join(ROOT, 'src', 'cli.ts')

/** Every process started here, so that `killAll()` can end the ones still running, by PID. */
const children = new Set<ChildProcess>()

export interface Finished {
  exitCode: number | null
  stdout: string
  stderr: string
}

/**
 * Starts a process in its own process group (bash runs npm, which runs tsx, which runs node) and collects
 * its output. `timeoutMs` bounds it: the whole group is killed then.
 */
export function start(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  const output = { stdout: '', stderr: '' }
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output.stdout += chunk
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output.stderr += chunk
  })
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      children.delete(child)
      resolve(code)
    })
  })
  return { child, output, exited }
}

export async function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }
): Promise<Finished> {
  const running = start(command, args, options)
  const timer = setTimeout(() => killGroup(running.child), options.timeoutMs)
  const exitCode = await running.exited
  clearTimeout(timer)
  return { exitCode, ...running.output }
}

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL'
}

export interface RunningMock {
  port: number
  /** The log lines so far as a terminal shows them, without time and pid: `INFO: <msg>`. */
  messages(): string[]
  stop(): Promise<void>
}

/**
 * Starts the mock's CLI as `npm start -- ARGS` would (tsx, from source), on a free loopback port, with `cwd`
 * as its working directory (so that relative paths in ARGS land there), and waits for its ready line.
 */
export async function startMock(args: string[], cwd: string, timeoutMs = 15_000): Promise<RunningMock> {
  const mock = start(process.execPath, ['--import', TSX, CLI, ...args, '--port', '0'], {
    cwd,
    env: { PATH: process.env.PATH ?? '' }
  })
  const messages = () =>
    mock.output.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .map(({ level, msg }) => `${LEVELS[level] ?? level}: ${msg}`)
  const stop = async () => {
    if (mock.child.exitCode !== null) return
    mock.child.kill('SIGTERM')
    const timer = setTimeout(() => killGroup(mock.child), 5_000)
    await mock.exited
    clearTimeout(timer)
  }
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline && mock.child.exitCode === null) {
    const port = messages()
      .map((message) => /ready: base URL https?:\/\/[^:]+:(\d+)\//.exec(message)?.[1])
      .find(Boolean)
    if (port !== undefined) return { port: Number(port), messages, stop }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  killGroup(mock.child)
  throw new Error(`the mock did not start with ${args.join(' ')}: ${mock.output.stderr}`)
}

function killGroup(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
}

/** Kills every process started here that is still running (for `afterAll`). */
export function killAll(): void {
  for (const child of children) killGroup(child)
}

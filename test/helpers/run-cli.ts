import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface RunningCli {
  child: ChildProcess
  /** The base URL from the "ready" log line. */
  url: string
  stdout: string[]
  stderr: string[]
  exited: Promise<number | null>
}

/** Runs the CLI from source as a user would (`tsx src/cli.ts`), collecting its output. */
export function runCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const stdout: string[] = []
  const stderr: string[] = []
  child.stdout
    .setEncoding('utf8')
    .on('data', (chunk: string) => stdout.push(...chunk.split('\n').filter(Boolean)))
  child.stderr
    .setEncoding('utf8')
    .on('data', (chunk: string) => stderr.push(...chunk.split('\n').filter(Boolean)))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, stdout, stderr, exited }
}

/** Starts the server and waits (at most `timeoutMs`) for its ready line. */
export async function startServer(args: string[] = [], env: Record<string, string> = {}, timeoutMs = 15_000) {
  const run = runCli(['--port', '0', ...args], env)
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const ready = run.stdout.map((line) => /base URL (\S+)\/beta/.exec(line)?.[1]).find(Boolean)
    if (ready !== undefined) return { ...run, url: ready } satisfies RunningCli
    if (run.child.exitCode !== null) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  run.child.kill('SIGKILL')
  throw new Error(`server did not start: ${run.stderr.join('\n')}`)
}

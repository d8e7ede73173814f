import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { Agent } from 'undici'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const CLI = ['--import', 'tsx', 'src/cli.ts']

/** Runs the CLI with a clean environment, as a user would from a clone. */
function runCli(args: string[]): ChildProcess {
  return spawn(process.execPath, [...CLI, ...args], {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
}

/** The first log line whose message matches, or the end of output. */
async function logLine(child: ChildProcess, pattern: RegExp): Promise<string | undefined> {
  if (child.stdout === null) return undefined
  for await (const line of createInterface({ input: child.stdout })) {
    const message = String(JSON.parse(line).msg)
    if (pattern.test(message)) return message
  }
  return undefined
}

describe('the CLI with --tls', () => {
  let dir: string
  let child: ChildProcess | undefined

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'graph-mock-cli-tls-'))
  })
  afterEach(async () => {
    if (child?.exitCode === null) {
      child.kill('SIGTERM')
      await once(child, 'exit')
    }
    await rm(dir, { recursive: true, force: true })
  })

  it('logs an https base URL, writes the certificate to --tls-cert-out and serves the same at /_mock/ca.pem', async () => {
    const out = join(dir, 'ca.pem')
    child = runCli(['--port', '0', '--tls', '--tls-hostnames', 'graph-mock', '--tls-cert-out', out])
    const ready = await logLine(child, /ready: base URL/)
    const url = /base URL (https:\/\/127\.0\.0\.1:(\d+))\/beta \(auth enforce\)$/.exec(ready ?? '')
    expect(url, ready).not.toBeNull()

    const pem = await readFile(out, 'utf8')
    const trusting = new Agent({ connect: { ca: pem } })
    const response = await fetch(`https://localhost:${url?.[2]}/_mock/ca.pem`, {
      dispatcher: trusting
    } as RequestInit)
    expect(await response.text()).toBe(pem)
    await trusting.close()
  })

  it('stops with one line and exit code 2 when a TLS option comes without --tls', async () => {
    child = runCli(['--port', '0', '--tls-cert-out', join(dir, 'ca.pem')])
    let stderr = ''
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk)
    })
    const [code] = await once(child, 'exit')
    expect(code).toBe(2)
    expect(stderr).toBe(
      'graph-lifecycle-mock: HTTPS options given without --tls (TLS=1): --tls-cert-out (TLS_CERT_OUT). ' +
        'Add --tls, or remove them.\n'
    )
  })
})

import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Agent } from 'undici'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type RunningCli, runCli, startServer } from '../helpers/run-cli.js'

describe('the CLI with --tls', () => {
  let dir: string
  let running: RunningCli | undefined

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'graph-mock-cli-tls-'))
  })
  afterEach(async () => {
    if (running?.child.exitCode === null) {
      running.child.kill('SIGTERM')
      await running.exited
    }
    running = undefined
    await rm(dir, { recursive: true, force: true })
  })

  it('logs an https base URL, writes the certificate to --tls-cert-out and serves the same at /_mock/ca.pem', async () => {
    const out = join(dir, 'ca.pem')
    running = await startServer(['--tls', '--tls-hostnames', 'graph-mock', '--tls-cert-out', out])
    expect(running.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(running.stdout.join('\n')).toContain(
      `HTTPS certificate for localhost, 127.0.0.1, ::1, graph-mock: written to ${out}`
    )

    const pem = await readFile(out, 'utf8')
    const trusting = new Agent({ connect: { ca: pem } })
    const port = new URL(running.url).port
    const response = await fetch(`https://localhost:${port}/_mock/ca.pem`, {
      dispatcher: trusting
    } as RequestInit)
    expect(await response.text()).toBe(pem)
    await trusting.close()
  })

  it('reads TLS=1 from the environment', async () => {
    running = await startServer([], { TLS: '1' })
    expect(running.url).toMatch(/^https:/)
  })

  it('stops with one line and exit code 2 when a TLS option comes without --tls', async () => {
    const run = runCli(['--port', '0', '--tls-cert-out', join(dir, 'ca.pem')])
    expect(await run.exited).toBe(2)
    expect(run.stderr).toEqual([
      'graph-lifecycle-mock: HTTPS options given without --tls (TLS=1): --tls-cert-out (TLS_CERT_OUT). ' +
        'Add --tls, or remove them.'
    ])
  })
})

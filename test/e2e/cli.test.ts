import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { decodeJwt } from '../../src/graph/auth/authorize.js'
import {
  DEFAULT_APP_ID,
  DEFAULT_SCOPES,
  DEFAULT_TOKEN_LIFETIME,
  DEFAULT_TOKEN_TENANT
} from '../../src/model/token.js'
import { DEFAULT_TENANT } from '../../src/store/result-store.js'
import { DOC_ID, validBody, WRITE } from '../helpers/graph-server.js'
import { type RunningCli, runCli, startServer } from '../helpers/run-cli.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

let running: RunningCli | undefined
afterEach(() => {
  if (running?.child.exitCode === null) running.child.kill('SIGKILL')
  running = undefined
})

/** Fixture folders that each stop start-up: not JSON, an id used twice (across files), a file that cannot be read. */
const broken = mkdtempSync(join(tmpdir(), 'cli-fixtures-'))
const record = { id: DOC_ID, completedDateTime: null, startedDateTime: null, ...validBody() }
writeFileSync(join(broken, 'not-json.json'), '[{"id": ')
mkdirSync(join(broken, 'duplicate'))
writeFileSync(join(broken, 'duplicate', 'a.json'), JSON.stringify([record]))
writeFileSync(join(broken, 'duplicate', 'b.json'), JSON.stringify([record]))
mkdirSync(join(broken, 'unreadable', 'records.json'), { recursive: true })

async function output(args: string[], env: Record<string, string> = {}) {
  const run = runCli(args, env)
  const code = await run.exited
  return { code, stdout: run.stdout.join('\n'), stderr: run.stderr.join('\n') }
}

describe('CLI', () => {
  it('serves on a free port, answers a PATCH with a minted token and exits 0 on SIGTERM', async () => {
    running = await startServer(['--log-level', 'info'])
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const token = (await output(['token', '--scopes', WRITE])).stdout.trim()
    const response = await fetch(`${running.url}/beta/workflowBase/userProcessingResults/${DOC_ID}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(validBody({ workflowVersion: 3 }))
    })
    expect(response.status).toBe(200)
    expect((await response.json()).workflowVersion).toBe(3)
    running.child.kill('SIGTERM')
    expect(await running.exited).toBe(0)
    expect(running.stdout.join('\n')).not.toContain(token)
  })

  it('prints help listing every option with its variable, and the version', async () => {
    const help = await output(['--help'])
    expect(help.code).toBe(0)
    for (const text of [
      '--port',
      'PORT',
      '--fixtures',
      'FIXTURES',
      '--auth',
      'AUTH',
      '--patch-mode',
      'PATCH_MODE'
    ]) {
      expect(help.stdout).toContain(text)
    }
    expect(help.stdout).toMatch(/Exit codes:\n {2}0 +done.*\n {2}1 +unexpected.*\n {2}2 +start-up refused/)
    const version = await output(['--version'])
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
    expect(version.stdout.trim()).toBe(pkg.version)
  })

  it('token --help names every default, and a default token is of the default tenant', async () => {
    const help = await output(['token', '--help'])
    expect(help.code).toBe(0)
    for (const text of [
      `(default: ${DEFAULT_SCOPES.join(' ')})`,
      `(default: ${DEFAULT_TOKEN_TENANT})`,
      `(default: ${DEFAULT_TOKEN_LIFETIME})`,
      DEFAULT_APP_ID
    ]) {
      expect(help.stdout).toContain(text)
    }
    const token = decodeJwt((await output(['token'])).stdout.trim())
    expect(token).toMatchObject({ tid: DEFAULT_TENANT, appid: DEFAULT_APP_ID, scp: DEFAULT_SCOPES.join(' ') })
  })

  it('mints delegated, application, tenant-bound and expired tokens', async () => {
    const app = decodeJwt(
      (await output(['token', '--roles', `${WRITE},User.Read.All`, '--tenant', 't-1'])).stdout.trim()
    )
    expect(app).toMatchObject({ roles: [WRITE, 'User.Read.All'], tid: 't-1', idtyp: 'app' })
    const delegated = decodeJwt(
      (await output(['token', '--scopes', `${WRITE} User.Read`, '--expires-in', '60'])).stdout.trim()
    )
    expect(delegated).toMatchObject({ scp: `${WRITE} User.Read` })
    expect(Number(delegated.exp) - Number(delegated.iat)).toBe(60)
    const expired = decodeJwt((await output(['token', '--expired'])).stdout.trim())
    expect(Number(expired.exp)).toBeLessThan(Date.now() / 1000)
  })

  it.each([
    [['--port', 'abc'], {}, /Invalid value 'abc' for --port \(PORT\)/],
    [[], { AUTH: 'sometimes' }, /--auth \(AUTH\): expected one of enforce, off/],
    [['--fixtures', '/does/not/exist'], {}, /cannot read '\/does\/not\/exist' \(ENOENT\)/],
    [['--tls-cert', 'x.pem'], {}, /HTTPS options given without --tls/],
    [
      ['--host', '192.0.2.1', '--port', '0'],
      {},
      /cannot listen on host '192\.0\.2\.1'\. Check --host or HOST\./
    ],
    [['token', '--expires-in', 'soon'], {}, /--expires-in: expected a positive integer/]
  ])('stops on %j %j with one clear line and the start-up exit code 2', async (args, env, message) => {
    const result = await output(args, env)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
  })

  it.each([
    ['invalid JSON', 'not-json.json', /'.*not-json\.json' is not valid JSON/],
    [
      'an id used twice',
      'duplicate',
      /b\.json' record 0: 'id' 78b83505-.* is already used by '.*a\.json' record 0/
    ],
    ['a file that cannot be read', 'unreadable', /cannot read '.*records\.json' \(EISDIR\)/]
  ])(
    'stops at start-up on fixtures with %s: one line, exit code 2, never serves',
    async (_name, path, message) => {
      const result = await output(['--fixtures', join(broken, path), '--port', '0'])
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(message)
      expect(result.stderr.trim().split('\n')).toHaveLength(1)
      expect(result.stdout).not.toContain('ready')
    }
  )

  it('says when the port is in use, in one line, with the start-up exit code 2', async () => {
    running = await startServer()
    const port = new URL(running.url).port
    const result = await output(['--port', port])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stdout).not.toContain('EADDRINUSE')
  })

  it('run as npm start --port 0 (no --), says which command passes the option on', async () => {
    const child = spawn('npm', ['start', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    const [code] = await once(child, 'exit')
    expect(code).toBe(2)
    expect(stderr).toContain("npm kept --port for itself (options before '--' are npm's)")
    expect(stderr).toContain('Run: npm start -- --port 0')
  })
})

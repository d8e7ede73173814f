import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Report } from '../../src/model/control/report.js'
import { mintToken } from '../../src/model/token.js'
import { SEED_PATH } from '../helpers/graph-server.js'
import { type RunningCli, startServer } from '../helpers/run-cli.js'

let running: RunningCli | undefined
let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'graph-mock-report-out-'))
})
afterEach(async () => {
  if (running?.child.exitCode === null) running.child.kill('SIGKILL')
  running = undefined
  await rm(dir, { recursive: true, force: true })
})

/** A client with a reader's token that PATCHes (403) and calls a v1.0 path (unmatched). */
async function misbehave(url: string) {
  const authorization = `Bearer ${mintToken({ scopes: ['LifecycleWorkflows.Read.All'] })}`
  const patched = await fetch(`${url}${SEED_PATH}`, {
    method: 'PATCH',
    headers: { authorization, 'content-type': 'application/json' },
    body: '{}'
  })
  expect(patched.status).toBe(403)
  expect((await fetch(`${url}/v1.0/me`, { headers: { authorization } })).status).toBe(400)
}

async function stop(cli: RunningCli) {
  cli.child.kill('SIGTERM')
  expect(await cli.exited).toBe(0)
}

describe('--report-out', () => {
  it('writes the Markdown report on SIGTERM, for a file ending in .md', async () => {
    const file = join(dir, 'summary.md')
    running = await startServer(['--report-out', file])
    await misbehave(running.url)
    await stop(running)

    const text = await readFile(file, 'utf8')
    expect(text).toMatch(/^## graph-lifecycle-mock report\n/)
    expect(text).toContain('`npx graph-lifecycle-mock token --scopes LifecycleWorkflows.ReadWrite.All`')
    expect(text).toContain('`GET /v1.0/me`')
    expect(await readdir(dir)).toEqual(['summary.md'])
    expect(running.stdout.some((line) => line.includes(`report written to ${file}`))).toBe(true)
  })

  it('writes JSON otherwise, set through REPORT_OUT', async () => {
    const file = join(dir, 'report.json')
    running = await startServer([], { REPORT_OUT: file })
    await misbehave(running.url)
    await stop(running)

    const report = JSON.parse(await readFile(file, 'utf8')) as Report
    expect(report.summary).toMatchObject({ requests: 2, unmatched: 1 })
    expect(report.findings.map((finding) => finding.rule)).toContain('denied')
  })

  it('logs an error, and still exits 0, when the file cannot be written', async () => {
    const file = join(dir, 'missing-folder', 'report.md')
    running = await startServer(['--report-out', file])
    await stop(running)
    expect(running.stdout.some((line) => line.includes(`could not write the report to ${file}`))).toBe(true)
  })
})

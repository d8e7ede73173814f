import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, SEED_PATH, validBody } from '../helpers/graph-server.js'
import { type RunningCli, runCli, startServer } from '../helpers/run-cli.js'

let folder: string
let file: string
let running: RunningCli | undefined
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'glm-cli-state-'))
  file = join(folder, 'state.json')
})
afterEach(async () => {
  if (running?.child.exitCode === null) running.child.kill('SIGKILL')
  running = undefined
  await rm(folder, { recursive: true, force: true })
})

const patch = (url: string, workflowVersion: number) =>
  fetch(`${url}${SEED_PATH}`, {
    method: 'PATCH',
    headers: { authorization: bearer(), 'content-type': 'application/json' },
    body: JSON.stringify(validBody({ workflowVersion }))
  })

const versionAt = async (url: string) =>
  (
    (await (await fetch(`${url}${SEED_PATH}`, { headers: { authorization: bearer() } })).json()) as {
      workflowVersion: number
    }
  ).workflowVersion

describe('CLI with --state-file', () => {
  it('keeps a PATCH across a restart: the file is written on SIGTERM and read at start', async () => {
    running = await startServer(['--state-file', file])
    expect((await patch(running.url, 5)).status).toBe(200)
    running.child.kill('SIGTERM')
    expect(await running.exited).toBe(0)
    expect(running.stdout.join('\n')).toContain(`state written to ${file}`)

    running = await startServer([], { STATE_FILE: file })
    expect(running.stdout.join('\n')).toContain(`state restored from ${file}`)
    expect(await versionAt(running.url)).toBe(5)
  })

  it('leaves the file last saved whole when the process is killed, and starts from it', async () => {
    running = await startServer(['--state-file', file])
    await patch(running.url, 5)
    expect((await fetch(`${running.url}/_mock/snapshot/save`, { method: 'POST' })).status).toBe(200)
    const saved = await readFile(file, 'utf8')
    await patch(running.url, 6)
    running.child.kill('SIGKILL')
    await running.exited

    expect(await readFile(file, 'utf8')).toBe(saved)
    expect(await readdir(folder)).toEqual(['state.json'])
    running = await startServer(['--state-file', file])
    expect(await versionAt(running.url)).toBe(5)
  })

  it('refuses to start, with one line and exit code 2, on a file that holds no snapshot', async () => {
    await writeFile(file, '[]')
    const run = runCli(['--port', '0', '--state-file', file])
    expect(await run.exited).toBe(2)
    expect(run.stderr).toHaveLength(1)
    expect(run.stderr[0]).toMatch(
      /^graph-lifecycle-mock: Failed to start: --state-file \(STATE_FILE\) names .*state\.json, which holds no snapshot this mock can restore: .*\. Fix the file, or move it away to start from the fixtures\.$/
    )
  })
})

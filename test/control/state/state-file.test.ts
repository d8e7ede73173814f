import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Config, ConfigError } from '../../../src/config.js'
import { writeStateFile } from '../../../src/control/state/state-file.js'
import type { Snapshot } from '../../../src/model/control/snapshot.js'
import { bothBackends } from '../../helpers/backends.js'
import { control } from '../../helpers/control.js'
import { bearer, SEED_PATH, type TestServer, testServer, validBody } from '../../helpers/graph-server.js'

let folder: string
let file: string
const running: TestServer[] = []
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'glm-state-'))
  file = join(folder, 'state.json')
})
afterEach(async () => {
  for (const server of running.splice(0)) await server.app.close()
  await rm(folder, { recursive: true, force: true })
})

const versionOf = async (server: TestServer) =>
  (await server.app.inject({ url: SEED_PATH, headers: { authorization: bearer() } })).json().workflowVersion
const saved = async (): Promise<Snapshot> => JSON.parse(await readFile(file, 'utf8'))

describe.each(bothBackends())('--state-file ($name)', (backend) => {
  const start = async (overrides: Partial<Config> = {}) => {
    const server = await testServer({ ...overrides, stateFile: file })
    running.push(server)
    return server
  }

  it('starts from the fixtures without a file, writes one on save and on shutdown, and a restart restores it', async () => {
    const options = backend.config()
    const first = await start(options)
    expect(await versionOf(first)).toBe(1)
    await first.patch(validBody({ workflowVersion: 5 }))
    const save = await control(first.app, 'POST', '/snapshot/save')
    expect(save.statusCode).toBe(200)
    expect(save.json()).toEqual({ path: file })
    expect(await saved()).toEqual((await control(first.app, 'GET', '/snapshot')).json())

    await first.patch(validBody({ workflowVersion: 6 }))
    await first.app.close()
    expect((await saved()).tenants).toHaveProperty(['aaaabbbb-0000-cccc-1111-dddd2222eeee'])
    expect(await readdir(folder)).toEqual(['state.json'])

    // With Redis, a deployment of its own: the state file is what brings the state back.
    const second = await start(backend.config())
    expect(await versionOf(second)).toBe(6)
  })

  it('stops start-up with the option and the field when the file cannot be restored, changing nothing', async () => {
    await writeFile(file, '{"version": 1, "tenants": {}')
    await expect(start(backend.config())).rejects.toThrow(ConfigError)
    await expect(start(backend.config())).rejects.toThrow(
      /^Failed to start: --state-file \(STATE_FILE\) names .*state\.json, which is not valid JSON/
    )
    await writeFile(file, JSON.stringify({ version: 1, tenants: {}, faults: [{ id: 'x' }], journal: [] }))
    await expect(start(backend.config())).rejects.toThrow(
      /which holds no snapshot this mock can restore: 'faults\[0\]\.rule' is required\. Fix the file/
    )
    expect(await readFile(file, 'utf8')).toContain('"faults":[{"id":"x"}]')
  })
})

describe('--state-file with replicas on one Redis', () => {
  const backends = bothBackends()
  const redis = backends[1]

  it('is restored by the first replica only: one started later leaves the shared state as it is', async () => {
    if (redis === undefined) throw new Error('no Redis backend')
    const options = redis.config()
    const first = await testServer({ ...options, stateFile: file })
    running.push(first)
    await first.patch(validBody({ workflowVersion: 5 }))
    await control(first.app, 'POST', '/snapshot/save')
    await first.patch(validBody({ workflowVersion: 6 }))

    const second = await testServer({ ...options, stateFile: file })
    running.push(second)
    expect(await versionOf(second)).toBe(6)
    expect(await versionOf(first)).toBe(6)
  })
})

describe('writing the state file', () => {
  const snapshot: Snapshot = { version: 1, tenants: {}, faults: [], journal: [] }

  it('replaces the file whole and leaves no temporary file beside it', async () => {
    await writeFile(file, 'the previous state')
    await writeStateFile(file, snapshot)
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(snapshot)
    expect(await readdir(folder)).toEqual(['state.json'])
  })

  it('fails without touching anything when the folder cannot take the file', async () => {
    await expect(writeStateFile(join(folder, 'missing', 'state.json'), snapshot)).rejects.toThrow(/ENOENT/)
    expect(await readdir(folder)).toEqual([])
  })
})

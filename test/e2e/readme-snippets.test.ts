import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_TOKEN_TENANT, mintToken } from '../../src/model/token.js'
import { DOC_ID } from '../helpers/graph-server.js'
import { type ListeningServer, startListeningServer } from '../helpers/listening-server.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** The code block that follows `<!-- readme-snippet: NAME` in the README or a doc. */
async function readmeSnippet(name: string, file = 'README.md'): Promise<string> {
  const text = await readFile(join(ROOT, file), 'utf8')
  const block = new RegExp(
    `<!-- readme-snippet: ${name}\\b[^>]*-->\\s*\`\`\`ts\\n([\\s\\S]*?)\\n\`\`\``
  ).exec(text)
  if (block?.[1] === undefined) throw new Error(`${file} has no snippet '${name}'`)
  return block[1]
}

/**
 * Runs a README snippet as a user would: a fresh Node process, the token in GRAPH_TOKEN and the certificate
 * trusted through NODE_EXTRA_CA_CERTS only. The snippet's port 4000 is swapped for the test server's.
 */
async function runSnippet(name: string, server: ListeningServer, caFile: string, file?: string) {
  const code = (await readmeSnippet(name, file)).replaceAll('https://localhost:4000', server.origin)
  const child = spawn(process.execPath, ['--input-type=module', '--eval', code], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', GRAPH_TOKEN: mintToken(), NODE_EXTRA_CA_CERTS: caFile },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk)
  })
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk)
  })
  const [exitCode] = await once(child, 'exit')
  return { exitCode: exitCode as number | null, stdout, stderr }
}

describe('the README and docs snippets, run against the mock with --tls and auth enforced', () => {
  let server: ListeningServer
  let dir: string
  let caFile: string

  beforeAll(async () => {
    server = await startListeningServer({ auth: 'enforce', tls: true })
    dir = await mkdtemp(join(tmpdir(), 'graph-mock-readme-'))
    caFile = join(dir, 'graph-mock.pem')
    const response = await fetch(`${server.origin}/_mock/ca.pem`, {
      dispatcher: server.dispatcher
    } as RequestInit)
    await writeFile(caFile, await response.text())
  })
  afterAll(async () => {
    await server.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('the v3 client snippet PATCHes and reads back', async () => {
    const run = await runSnippet('graph-client', server, caFile)
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toBe('2 2\n')
    expect((await server.store.get(DEFAULT_TOKEN_TENANT, DOC_ID))?.workflowVersion).toBe(2)
  })

  it('the Kiota snippet PATCHes and deserialises the answer', async () => {
    const run = await runSnippet('kiota', server, caFile)
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toBe('3 2026-11-28T10:15:30.000Z\n')
    expect(await server.store.get(DEFAULT_TOKEN_TENANT, DOC_ID)).toMatchObject({
      workflowVersion: 3,
      startedDateTime: null
    })
  })

  it("docs/batching.md's v3 snippet PATCHes, then reads back and counts through dependsOn", async () => {
    const run = await runSnippet('batching', server, caFile, 'docs/batching.md')
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toBe('200 4 10\n')
    expect((await server.store.get(DEFAULT_TOKEN_TENANT, DOC_ID))?.workflowVersion).toBe(4)
  })
})

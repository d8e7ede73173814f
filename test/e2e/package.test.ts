import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_TENANT } from '../../src/store/result-store.js'
import { DOC_ID, validBody, WRITE } from '../helpers/graph-server.js'

/**
 * The package as a user gets it: `npm pack`, then `npm install <tarball>` into an empty folder (dependencies come
 * from the npm cache or the registry), then the binary, the library entry and its declarations, from there only.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string
  version: string
  devDependencies: Record<string, string>
}
const INSTALL_TIMEOUT_MS = 240_000
const STEP_TIMEOUT_MS = 60_000

/**
 * The dev dependencies production does not need too (the lockfile marks those `dev`): Ajv, say, is one of the
 * tests' and also Fastify's.
 */
function devOnly(): string[] {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>
  }
  return Object.keys(PKG.devDependencies).filter(
    (name) => lock.packages[`node_modules/${name}`]?.dev === true
  )
}

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a command to its end (killed after `timeoutMs`), collecting its output. */
async function run(command: string, args: string[], cwd: string, timeoutMs = STEP_TIMEOUT_MS): Promise<Run> {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const [code] = (await once(child, 'close')) as [number | null]
  return { code, stdout, stderr }
}

async function succeed(command: string, args: string[], cwd: string, timeoutMs?: number): Promise<string> {
  const result = await run(command, args, cwd, timeoutMs)
  if (result.code !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${result.code}: ${result.stderr}`)
  return result.stdout
}

/** Starts the installed binary on a free port and waits (at most 20 s) for its ready line. */
async function startBinary(bin: string, cwd: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(bin, ['--port', '0', '--log-level', 'info'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
  })
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline && child.exitCode === null) {
    const url = /base URL (\S+)\/beta/.exec(output)?.[1]
    if (url !== undefined) return { child, url }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  child.kill('SIGKILL')
  throw new Error(`the installed binary did not start: ${output}`)
}

describe('the packed package, installed into an empty folder', () => {
  let dir: string
  let app: string
  let packed: string[]

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'graph-mock-package-'))
    app = join(dir, 'app')
    await mkdir(app)
    // npm pack runs the prepare script (the build); with --json the lifecycle output goes to stderr.
    const [tarball] = JSON.parse(
      await succeed('npm', ['pack', '--json', '--pack-destination', dir], ROOT, INSTALL_TIMEOUT_MS)
    ) as { filename: string; files: { path: string }[] }[]
    if (tarball === undefined) throw new Error('npm pack made no tarball')
    packed = tarball.files.map((file) => file.path)
    await writeFile(
      join(app, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' })
    )
    await succeed(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, tarball.filename)],
      app,
      INSTALL_TIMEOUT_MS
    )
  }, 2 * INSTALL_TIMEOUT_MS)

  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  })

  it('holds the built code, its declarations and the fixtures, and installs no dev dependency', () => {
    const tops = new Set(packed.map((path) => path.split('/')[0]))
    expect([...tops].sort()).toEqual(['LICENSE', 'README.md', 'dist', 'fixtures', 'package.json'])
    expect(packed).toContain('dist/cli.js')
    expect(packed).toContain('dist/index.d.ts')
    expect(
      packed.filter((path) => path.endsWith('.map') || (path.endsWith('.ts') && !path.endsWith('.d.ts')))
    ).toEqual([])
    const installed = devOnly().filter((name) => existsSync(join(app, 'node_modules', name)))
    expect(installed).toEqual([])
  })

  it(
    'npx graph-lifecycle-mock --help and token run the built binary',
    async () => {
      const help = await run('npx', [PKG.name, '--help'], app)
      expect(help.code).toBe(0)
      expect(help.stdout).toMatch(/^Usage: graph-lifecycle-mock \[options\]/)
      expect(help.stdout).toContain('Exit codes:')
      const tokenHelp = await run('npx', [PKG.name, 'token', '--help'], app)
      expect(tokenHelp.stdout).toContain(`(default: ${DEFAULT_TENANT})`)
    },
    STEP_TIMEOUT_MS
  )

  it(
    'the binary serves a PATCH made with a token from its own token command, the control API shows it, and the inspector and OpenAPI document are served',
    async () => {
      const token = (await succeed('npx', [PKG.name, 'token', '--scopes', WRITE], app)).trim()
      expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]*$/)
      const { child, url } = await startBinary(join(app, 'node_modules', '.bin', PKG.name), app)
      try {
        const patched = await fetch(`${url}/beta/workflowBase/userProcessingResults/${DOC_ID}`, {
          method: 'PATCH',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(validBody({ workflowVersion: 41 }))
        })
        expect(patched.status).toBe(200)
        const records = (await (await fetch(`${url}/_mock/userProcessingResults`)).json()) as {
          id: string
          workflowVersion: number
        }[]
        expect(records.find((record) => record.id === DOC_ID)?.workflowVersion).toBe(41)
        // The inspector's files come from dist/, where the build copies them.
        const page = await fetch(`${url}/_mock/`)
        expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
        expect(await page.text()).toContain('/_mock/inspector/app.js')
        for (const file of [
          'app.js',
          'api.js',
          'dom.js',
          'journal.js',
          'report.js',
          'state.js',
          'inspector.css'
        ])
          expect((await fetch(`${url}/_mock/inspector/${file}`)).status).toBe(200)
        const document = (await (await fetch(`${url}/_mock/openapi.json`)).json()) as {
          info: { version: string }
        }
        expect(document.info.version).toBe(PKG.version)
      } finally {
        child.kill('SIGTERM')
        const [code] = await once(child, 'exit')
        expect(code).toBe(0)
      }
    },
    STEP_TIMEOUT_MS
  )

  it(
    'a .mjs script imports buildServer and serves through inject()',
    async () => {
      await writeFile(
        join(app, 'consumer.mjs'),
        [
          "import { buildServer, configWith, mintToken } from 'graph-lifecycle-mock'",
          "const app = await buildServer(configWith({ logLevel: 'silent' }))",
          'const response = await app.inject({',
          `  method: 'GET', url: '/beta/workflowBase/userProcessingResults/${DOC_ID}',`,
          "  headers: { authorization: 'Bearer ' + mintToken({ scopes: ['LifecycleWorkflows.Read.All'] }) }",
          '})',
          'console.log(response.statusCode, response.json().id)',
          'await app.close()'
        ].join('\n')
      )
      expect(await succeed(process.execPath, ['consumer.mjs'], app)).toBe(`200 ${DOC_ID}\n`)
    },
    STEP_TIMEOUT_MS
  )

  it(
    'a TypeScript consumer type-checks against the shipped declarations',
    async () => {
      await writeFile(
        join(app, 'consumer.ts'),
        [
          "import { buildServer, configWith, mintToken, type UserProcessingResult } from 'graph-lifecycle-mock'",
          "const app = await buildServer(configWith({ logLevel: 'silent' }))",
          `const response = await app.inject({ url: '/beta/workflowBase/userProcessingResults/${DOC_ID}',`,
          "  headers: { authorization: 'Bearer ' + mintToken() } })",
          'const result: UserProcessingResult = response.json()',
          'const version: number = result.workflowVersion',
          // Unused if the declarations were missing and everything were `any`: then tsc fails.
          '// @ts-expect-error a port is a number',
          "configWith({ port: '4000' })",
          'console.log(version)'
        ].join('\n')
      )
      await writeFile(
        join(app, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            noEmit: true,
            types: ['node'],
            typeRoots: [join(ROOT, 'node_modules', '@types')]
          },
          include: ['consumer.ts']
        })
      )
      const tsc = await run(
        process.execPath,
        [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'],
        app
      )
      expect(tsc.stdout).toBe('')
      expect(tsc.code).toBe(0)
    },
    STEP_TIMEOUT_MS
  )
})

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { mintToken } from '../../src/model/token.js'
import {
  missingLogLines,
  outputMismatch,
  type Plan,
  planFor,
  withDocPort,
  withPort
} from '../helpers/doc-examples.js'
import { brokenLinks, linkedFiles, missingPaths } from '../helpers/doc-links.js'
import { killAll, ROOT, type RunningMock, run, startMock } from '../helpers/doc-process.js'
import { type Fence, readMarkdown, slugOf } from '../helpers/markdown.js'

const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`)
]
const TSX = '--import=tsx'
const BLOCK_TIMEOUT_MS = 30_000
/** A block, and the start of its mock when it is the doc's first. */
const TEST_TIMEOUT_MS = BLOCK_TIMEOUT_MS + 20_000

/** Every ```sh block runs in bash like this: stop at the first failure, `npm` working from the repository. */
const SH_PRELUDE = 'set -euo pipefail\nnpm() { command npm --prefix "$DOCS_REPO" "$@"; }\n'
/** Without expected output, every curl must succeed: a 4xx or 5xx fails the block, body shown. */
const SH_CURL_MUST_SUCCEED = 'curl() { command curl --fail-with-body --show-error "$@"; }\n'

afterAll(killAll)

/** One mock per doc and set of options, each in a working directory of its own, started when first needed. */
function mocksFor(doc: string) {
  const running = new Map<string, { mock: RunningMock; cwd: string }>()
  return {
    async get(args: string[]) {
      const key = args.join(' ')
      const existing = running.get(key)
      if (existing !== undefined) return existing
      const cwd = mkdtempSync(join(tmpdir(), `docs-examples-${doc.replace(/\W/g, '-')}-`))
      const entry = { mock: await startMock(args, cwd), cwd }
      running.set(key, entry)
      return entry
    },
    async closeAll() {
      for (const { mock, cwd } of running.values()) {
        await mock.stop()
        rmSync(cwd, { recursive: true, force: true })
      }
    }
  }
}

type Mocks = ReturnType<typeof mocksFor>

/** Where the block needs a mock: any mention of the doc's port. */
const needsMock = (fence: Fence) => /:4000\b/.test(fence.body)

async function runSh(fence: Fence, mockArgs: string[], mocks: Mocks) {
  const target = needsMock(fence) ? await mocks.get(mockArgs) : undefined
  const script =
    SH_PRELUDE +
    (fence.output === undefined ? SH_CURL_MUST_SUCCEED : '') +
    withPort(fence.body, target?.mock.port ?? 4000)
  const cwd = target?.cwd ?? mkdtempSync(join(tmpdir(), 'docs-examples-'))
  const result = await run('bash', ['-c', script], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? cwd,
      DOCS_REPO: ROOT,
      // What `export GRAPH_TOKEN=$(npm run --silent token)` in the README gives.
      GRAPH_TOKEN: mintToken(),
      npm_config_update_notifier: 'false'
    },
    timeoutMs: BLOCK_TIMEOUT_MS
  })
  if (target === undefined) rmSync(cwd, { recursive: true, force: true })
  return { ...result, stdout: withDocPort(result.stdout, target?.mock.port ?? 4000) }
}

async function runTs(fence: Fence, mockArgs: string[], mocks: Mocks) {
  const target = needsMock(fence) ? await mocks.get(mockArgs) : undefined
  const code = withPort(fence.body, target?.mock.port ?? 4000).replaceAll(
    "from 'graph-lifecycle-mock'",
    `from '${pathToFileURL(join(ROOT, 'src/index.ts')).href}'`
  )
  // The certificate the mock wrote with --tls-cert-out, trusted as the README says: NODE_EXTRA_CA_CERTS.
  const certOut = mockArgs[mockArgs.indexOf('--tls-cert-out') + 1]
  const trust =
    target !== undefined && mockArgs.includes('--tls-cert-out') && certOut !== undefined
      ? { NODE_EXTRA_CA_CERTS: join(target.cwd, certOut) }
      : {}
  const result = await run(process.execPath, [TSX, '--input-type=module', '--eval', code], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', GRAPH_TOKEN: mintToken(), ...trust },
    timeoutMs: BLOCK_TIMEOUT_MS
  })
  return { ...result, stdout: withDocPort(result.stdout, target?.mock.port ?? 4000) }
}

async function checkStart(fence: Fence, mockArgs: string[], mocks: Mocks) {
  // The test starts the CLI the way `npm start` does, without npm in between to pass signals on.
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  expect(pkg.scripts.start).toBe('tsx src/cli.ts')
  const { mock } = await mocks.get(mockArgs)
  if (fence.output === undefined) return
  const messages = mock.messages().map((message) => withDocPort(message, mock.port))
  expect(missingLogLines(messages, fence.output), messages.join('\n')).toEqual([])
}

function title(doc: string, plan: Exclude<Plan, { action: 'skip' }>): string {
  const what = plan.action === 'start-mock' ? 'starts the mock' : plan.fence.info
  return `${doc}:${plan.fence.line} (${what})`
}

describe.each(DOCS)('the examples of %s', (doc) => {
  const plans = readMarkdown(join(ROOT, doc)).fences.map(planFor)
  const mocks = mocksFor(doc)
  afterAll(() => mocks.closeAll())

  it('runs every sh and ts block, or says why not', () => {
    const problems = plans.flatMap((plan) =>
      plan.action === 'error' ? [`${doc}:${plan.fence.line}: ${plan.problem}`] : []
    )
    expect(problems).toEqual([])
  })

  for (const plan of plans) {
    if (plan.action === 'skip' || plan.action === 'error') continue
    it(
      title(doc, plan),
      async () => {
        if (plan.action === 'start-mock') return checkStart(plan.fence, plan.mockArgs, mocks)
        const result = await (plan.language === 'sh' ? runSh : runTs)(plan.fence, plan.mockArgs, mocks)
        const report = `exit ${result.exitCode}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`
        expect(result.exitCode, report).toBe(0)
        if (plan.language === 'ts') expect(result.stderr).toBe('')
        if (plan.fence.output !== undefined) {
          expect(outputMismatch(result.stdout, plan.fence.output)).toBeUndefined()
        }
      },
      TEST_TIMEOUT_MS
    )
  }
})

describe('the docs hang together', () => {
  const parsed = new Map(DOCS.map((doc) => [doc, readMarkdown(join(ROOT, doc))]))
  const readme = parsed.get('README.md') ?? readMarkdown(join(ROOT, 'README.md'))

  it('the README is under 300 lines, with a table of contents that links every section', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8').trimEnd().split('\n').length).toBeLessThan(300)
    expect(readme.sections).toContain('Contents')
    const linked = new Set(readme.links.filter((link) => link.startsWith('#')).map((link) => link.slice(1)))
    const sections = readme.sections.filter((section) => section !== 'Contents')
    expect(sections.filter((section) => !linked.has(slugOf(section)))).toEqual([])
  })

  it('the README links every doc and CONTRIBUTING.md', () => {
    const linked = linkedFiles('README.md', readme)
    expect(DOCS.filter((doc) => doc !== 'README.md' && !linked.has(doc))).toEqual([])
  })

  it('every relative link reaches an existing file and heading', () => {
    expect([...parsed].flatMap(([doc, markdown]) => brokenLinks(ROOT, doc, markdown))).toEqual([])
  })

  it('every src/ and test/ path in inline code exists', () => {
    expect([...parsed].flatMap(([doc, markdown]) => missingPaths(ROOT, doc, markdown))).toEqual([])
  })
})

import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/doc-process.js'
import { bearer, DOC_ID, validBody } from '../helpers/graph-server.js'
import { type ListeningServer, startListeningServer } from '../helpers/listening-server.js'

/** Debian's chromium, which .ci/run installs when it is missing. */
const CHROMIUM = '/usr/bin/chromium'
/** Flags for a headless browser in a container: no sandbox (root), no GPU, nothing fetched in the background. */
const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic'
]
const SCREENSHOTS = join(ROOT, 'test-results', 'inspector')
/** The bound: a request shows in the page within 2 s, without reloading. */
const LIVE_MS = 2000
const WAIT_MS = 10_000

interface Browser {
  context: BrowserContext
  page: Page
  /** Console errors and uncaught exceptions of the page. */
  errors: string[]
  /** Every URL the page requested. */
  urls: string[]
  close(): Promise<void>
}

async function openBrowser(options: { ignoreHTTPSErrors?: boolean } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The inspector test drives Debian's chromium at ${CHROMIUM}, which is missing: install it with ` +
        '`apt-get install -y --no-install-recommends chromium` (.ci/run does).'
    )
  }
  const profile = await mkdtemp(join(tmpdir(), 'graph-mock-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    timeout: 30_000,
    viewport: { width: 1400, height: 1000 },
    ...options
  })
  const page = context.pages()[0] ?? (await context.newPage())
  page.setDefaultTimeout(WAIT_MS)
  const errors: string[] = []
  const urls: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('request', (request) => urls.push(request.url()))
  return {
    context,
    page,
    errors,
    urls,
    async close() {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    }
  }
}

/** The whole page, or what the window shows (docs/images/inspector.png is such a shot of `rejected-patch`). */
async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage })
}

describe('the inspector page in headless Chromium', () => {
  let server: ListeningServer
  let browser: Browser
  beforeAll(async () => {
    server = await startListeningServer({ auth: 'enforce', tls: false })
    browser = await openBrowser()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const patch = (body: object) =>
    fetch(`${server.origin}/beta/workflowBase/userProcessingResults/${DOC_ID}`, {
      method: 'PATCH',
      headers: { authorization: bearer(), 'content-type': 'application/json' },
      body: JSON.stringify(body)
    })

  it('shows a rejected PATCH live, its Graph error, the finding about it, and the state before and after reset', async () => {
    const { page, errors, urls } = browser
    await page.goto(`${server.origin}/_mock/`)
    await page.locator('#live.live').waitFor()
    const version = await page.locator(`#results tr[data-id="${DOC_ID}"] .version`).textContent()

    const read = await fetch(`${server.origin}/beta/workflowBase/userProcessingResults/${DOC_ID}`, {
      headers: { authorization: bearer(), 'client-request-id': '5b1e0d2c-7a3f-4c59-9d8e-2f6a1b3c4d5e' }
    })
    expect(read.status).toBe(200)
    const unmatched = await fetch(`${server.origin}/v1.0/workflowBase/userProcessingResults/${DOC_ID}`, {
      headers: { authorization: bearer() }
    })
    expect(unmatched.status).toBe(400)
    const rejected = await patch(validBody({ processingStatus: 'done' }))
    expect(rejected.status).toBe(400)
    const { error } = (await rejected.json()) as { error: { message: string } }
    const requestId = rejected.headers.get('request-id') ?? ''
    const row = page.locator(`#rows tr[data-request-id="${requestId}"]`)
    await row.waitFor({ timeout: LIVE_MS })
    expect(await row.getAttribute('data-status')).toBe('400')

    await row.click()
    await expect.poll(() => page.locator('#detail-error').textContent()).toBe(`BadRequest: ${error.message}`)
    const detail = (await page.locator('#detail').textContent()) ?? ''
    expect(detail).toContain('"processingStatus": "done"')
    expect(detail).toContain('"scp": "LifecycleWorkflows.ReadWrite.All"')
    expect(detail).not.toMatch(/authorization|Bearer/i)

    const finding = page.locator('#finding-list li[data-rule="missing-client-request-id"]')
    await finding.locator(`button[data-request-id="${requestId}"]`).waitFor()
    await page
      .locator('#unmatched td', { hasText: 'GET /beta/workflowBase/userProcessingResults/{id}' })
      .waitFor()
    await screenshot(page, 'rejected-patch', false)

    expect((await patch(validBody({ workflowVersion: 99 }))).status).toBe(200)
    const cell = page.locator(`#results tr[data-id="${DOC_ID}"] .version`)
    await expect.poll(() => cell.textContent(), { timeout: WAIT_MS }).toBe('99')
    await screenshot(page, 'patched')
    await page.locator('#reset-all').click()
    await expect.poll(() => cell.textContent(), { timeout: WAIT_MS }).toBe(version)
    await expect.poll(() => page.locator('#rows tr').count()).toBe(0)
    await screenshot(page, 'after-reset')

    expect(errors).toEqual([])
    expect(urls.every((url) => url.startsWith(server.origin) || url.startsWith('data:'))).toBe(true)
  }, 60_000)
})

describe('the inspector page over HTTPS, with an admin key and AUTH=off', () => {
  let server: ListeningServer
  let browser: Browser
  beforeAll(async () => {
    server = await startListeningServer({ auth: 'off', tls: true, config: { adminKey: 'inspector-k3y' } })
    browser = await openBrowser({ ignoreHTTPSErrors: true })
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('asks for the key once, sends it in a header only, and streams requests sent without a token', async () => {
    const { page, errors, urls, context } = browser
    const headers: (string | undefined)[] = []
    page.on('request', (request) => headers.push(request.headers()['x-mock-admin-key']))
    await page.goto(`${server.origin}/_mock/`)
    await page.locator('#key-input').fill('inspector-k3y')
    await page.locator('#key-form button').click()
    await page.locator('#live.live').waitFor()

    const sent = await fetch(`${server.origin}/beta/workflowBase/userProcessingResults/${DOC_ID}`, {
      dispatcher: server.dispatcher
    } as RequestInit)
    expect(sent.status).toBe(200)
    await page
      .locator(`#rows tr[data-request-id="${sent.headers.get('request-id')}"]`)
      .waitFor({ timeout: LIVE_MS })
    await page.locator(`#results tr[data-id="${DOC_ID}"]`).waitFor()
    await screenshot(page, 'admin-key-https')

    expect(await page.locator('#key-form').isHidden()).toBe(true)
    expect(urls.some((url) => url.includes('inspector-k3y'))).toBe(false)
    expect(headers.filter((value) => value !== undefined).every((value) => value === 'inspector-k3y')).toBe(
      true
    )
    expect(await context.cookies()).toEqual([])
    expect(errors).toEqual([])
  }, 60_000)
})

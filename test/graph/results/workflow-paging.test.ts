import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../../src/config.js'
import { makeRecord } from '../../helpers/odata.js'
import { buildWorkflowApp, get, runResults, workflowResults } from '../../helpers/workflows.js'

const TOTAL = 57
const records = Array.from({ length: TOTAL }, (_, i) =>
  makeRecord(`r${String(i).padStart(3, '0')}`, {
    processingStatus: i % 3 === 0 ? 'failed' : 'completed',
    completedDateTime: i % 5 === 0 ? null : `2022-08-24T10:00:${String(i % 60).padStart(2, '0')}.1234567Z`
  })
)
const W = 'paged'
const R = 'run-1'
const runIds = records.filter((_, i) => i % 2 === 0).map((record) => record.id)

let app: FastifyInstance

beforeEach(async () => {
  ;({ app } = await buildWorkflowApp({
    records,
    workflows: [{ id: W, resultIds: records.map((r) => r.id), runs: [{ id: R, resultIds: runIds }] }],
    pageSize: 10
  }))
})

afterEach(async () => {
  await app.close()
})

interface Page {
  '@odata.count'?: number
  '@odata.nextLink'?: string
  value: { id: string }[]
}

// Follows @odata.nextLink as a client does, returning every page.
async function allPages(url: string, headers: Record<string, string> = {}): Promise<Page[]> {
  const pages: Page[] = []
  let next: string | undefined = url
  for (let guard = 0; next !== undefined && guard < 50; guard++) {
    const link = new URL(next, 'http://localhost:80')
    const { status, json } = await get(app, `${link.pathname}${link.search}`, { headers })
    expect(status).toBe(200)
    pages.push(json)
    next = json['@odata.nextLink']
  }
  expect(next).toBeUndefined()
  return pages
}

const ids = (pages: Page[]) => pages.flatMap((page) => page.value.map((entity) => entity.id))

describe('server-side paging', () => {
  it('serves the default page size and reaches every item once', async () => {
    const pages = await allPages(workflowResults(W))
    expect(pages.map((page) => page.value.length)).toEqual([10, 10, 10, 10, 10, 7])
    expect(ids(pages)).toEqual(records.map((record) => record.id))
  })

  it('writes absolute nextLinks on the origin the request used, with an opaque $skiptoken', async () => {
    const { json } = await get(app, workflowResults(W), { headers: { host: 'mock.test:4321' } })
    const link = new URL(json['@odata.nextLink'])
    expect(link.origin).toBe('http://mock.test:4321')
    expect(link.pathname).toBe(workflowResults(W))
    expect([...link.searchParams.keys()]).toEqual(['$skiptoken'])
  })

  it('keeps $filter, $orderby, $select, $top and $count on every page', async () => {
    const query =
      "$filter=processingStatus eq 'completed'&$orderby=completedDateTime desc&$select=id,completedDateTime&$top=7&$count=true"
    const pages = await allPages(`${workflowResults(W)}?${query}`)
    const expected = (
      await get(
        app,
        `${workflowResults(W)}?$filter=processingStatus eq 'completed'&$orderby=completedDateTime desc&$top=1000`
      )
    ).json.value.map((entity: { id: string }) => entity.id)
    expect(expected).toHaveLength(38)
    expect(pages.map((page) => page.value.length)).toEqual([7, 7, 7, 7, 7, 3])
    expect(ids(pages)).toEqual(expected)
    expect(new Set(ids(pages)).size).toBe(38)
    for (const page of pages) {
      expect(page['@odata.count']).toBe(38)
      for (const entity of page.value) expect(Object.keys(entity)).toEqual(['id', 'completedDateTime'])
    }
  })

  it('pages a run the same way', async () => {
    const pages = await allPages(`${runResults(W, R)}?$top=8`)
    expect(ids(pages)).toEqual(runIds)
    expect(pages).toHaveLength(4)
  })

  it('sends no nextLink when everything fits, nor for $top=0', async () => {
    const all = await get(app, `${workflowResults(W)}?$top=100`)
    expect(all.json.value).toHaveLength(TOTAL)
    expect(all.json).not.toHaveProperty('@odata.nextLink')
    const none = await get(app, `${workflowResults(W)}?$top=0&$count=true`)
    expect(none.json).toMatchObject({ '@odata.count': TOTAL, value: [] })
    expect(none.json).not.toHaveProperty('@odata.nextLink')
  })

  it('refuses a $skiptoken replayed with another $filter', async () => {
    const first = await get(app, workflowResults(W))
    const token = new URL(first.json['@odata.nextLink']).searchParams.get('$skiptoken')
    const { status, json } = await get(app, `${workflowResults(W)}?$filter=id ne 'r000'&$skiptoken=${token}`)
    expect(status).toBe(400)
    expect(json.error.message).toContain(
      'Invalid $skiptoken: the token was issued for a different $filter or $orderby'
    )
  })
})

describe('the page size option', () => {
  it('reads --page-size and PAGE_SIZE, default 100', () => {
    expect(loadConfig().pageSize).toBe(100)
    expect(loadConfig({ env: { PAGE_SIZE: '25' } }).pageSize).toBe(25)
    expect(loadConfig({ argv: ['--page-size', '5'], env: { PAGE_SIZE: '25' } }).pageSize).toBe(5)
  })

  it.each(['0', '1001', 'ten'])('refuses %s, naming the option', (value) => {
    expect(() => loadConfig({ env: { PAGE_SIZE: value } })).toThrow(ConfigError)
    expect(() => loadConfig({ env: { PAGE_SIZE: value } })).toThrow('--page-size (PAGE_SIZE)')
  })
})

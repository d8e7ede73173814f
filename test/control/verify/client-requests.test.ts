import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bothBackends } from '../../helpers/backends.js'
import { findingsOf } from '../../helpers/control.js'
import { buildWorkflowApp, get, LCW, workflowResults } from '../../helpers/workflows.js'

describe.each(bothBackends())('request findings ($name)', (backend) => {
  let app: FastifyInstance
  beforeEach(async () => {
    ;({ app } = await buildWorkflowApp({ pageSize: 1, config: backend.config() }))
  })
  afterEach(async () => {
    await app.close()
  })

  const LIST_ROUTE = `GET ${LCW}/workflows/{workflowId}/userProcessingResults`

  /** Reads every page, following each @odata.nextLink as is (as the SDKs' page iterators do). */
  async function readAllPages(first: string, headers: Record<string, string> = {}): Promise<number> {
    let next: string | undefined = first
    let pages = 0
    for (; next !== undefined && pages < 20; pages++) {
      const { status, json } = await get(app, next, { headers })
      expect(status).toBe(200)
      next = json['@odata.nextLink']
    }
    return pages
  }

  describe('invented-page-link', () => {
    it('flags a client that makes its own $skiptoken, or edits the link it got, or pages with $skip', async () => {
      const first = await get(app, `${workflowResults()}?$select=id`)
      const link = new URL(first.json['@odata.nextLink'])
      const edited = `${link.pathname}${link.search}&$top=5`
      const invented = `${workflowResults()}?$select=id&$skiptoken=${Buffer.from('{"p":1}').toString('base64url')}`
      const responses = [
        await get(app, edited),
        await get(app, invented),
        await get(app, `${workflowResults()}?$skip=1`)
      ]

      const [finding, ...others] = await findingsOf(app, 'invented-page-link')
      expect(others).toEqual([])
      expect(finding).toMatchObject({
        severity: 'error',
        route: LIST_ROUTE,
        count: 3,
        requestIds: responses.map(({ response }) => response.headers['request-id'])
      })
    })

    it('does not flag a client that follows every @odata.nextLink as it came', async () => {
      expect(await readAllPages(`${workflowResults()}?$select=id&$orderby=id%20desc`)).toBeGreaterThan(1)
      expect(await findingsOf(app, 'invented-page-link')).toEqual([])
    })
  })

  describe('missing-client-request-id', () => {
    it('flags a client whose requests carry no client-request-id, counting them', async () => {
      await get(app, `${workflowResults()}?$select=id`)
      await get(app, `${workflowResults()}?$select=id`, { headers: { 'client-request-id': 'a1' } })
      await get(app, `${workflowResults()}?$select=id`)
      const [finding, ...others] = await findingsOf(app, 'missing-client-request-id')
      expect(others).toEqual([])
      expect(finding).toMatchObject({
        severity: 'warning',
        route: null,
        count: 2,
        message: '2 of 3 requests had no client-request-id header'
      })
    })

    it('does not flag a client that sends one with every request', async () => {
      await readAllPages(`${workflowResults()}?$select=id`, { 'client-request-id': crypto.randomUUID() })
      expect(await findingsOf(app, 'missing-client-request-id')).toEqual([])
    })
  })

  describe('no-select', () => {
    it('notes collection reads without $select (information only)', async () => {
      await readAllPages(workflowResults())
      const [finding, ...others] = await findingsOf(app, 'no-select')
      expect(others).toEqual([])
      expect(finding).toMatchObject({
        severity: 'info',
        route: LIST_ROUTE,
        message: expect.stringMatching(/^\d+ collection reads without \$select$/)
      })
    })

    it('does not note reads with $select (spelt any way Graph takes), nor reads of one entity', async () => {
      await readAllPages(`${workflowResults()}?%24select=id`)
      await get(app, `${workflowResults()}?select=id,processingStatus`)
      const { json } = await get(app, `${workflowResults()}?$select=id`)
      await get(app, `${workflowResults()}/${json.value[0].id}`)
      expect(await findingsOf(app, 'no-select')).toEqual([])
    })
  })
})

import { Value } from '@sinclair/typebox/value'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ReportSchema, RULES } from '../../../src/model/control/report.js'
import { mintToken } from '../../../src/model/token.js'
import { bothBackends } from '../../helpers/backends.js'
import { control, report } from '../../helpers/control.js'
import { errorOf, SEED_PATH, type TestServer, validBody } from '../../helpers/graph-server.js'

describe.each(bothBackends())('the report ($name)', (backend) => {
  let server: TestServer
  beforeEach(async () => {
    server = await backend.server({ journalSize: 5 })
  })
  afterEach(async () => {
    await server.app.close()
  })

  const as = (tenant: string) => ({ authorization: `Bearer ${mintToken({ tenant, scopes: ['User.Read'] })}` })

  /** Per tenant: a 403 and an unmatched request (denied, missing-client-request-id, excess-permissions: User.Read). */
  async function misbehave(tenant: string) {
    await server.patch(validBody(), { headers: as(tenant) })
    await server.app.inject({ url: `${SEED_PATH}/nested`, headers: as(tenant) })
  }

  describe('GET /_mock/report', () => {
    it('answers JSON with summary, findings, permissions and unmatched', async () => {
      await misbehave('tenant-a')
      const body = await report(server.app)

      expect(Value.Check(ReportSchema, body)).toBe(true)
      expect(Object.keys(body)).toEqual(['summary', 'findings', 'permissions', 'unmatched'])
      expect(body.summary).toMatchObject({
        requests: 2,
        unmatched: 1,
        findings: { error: 1, warning: 2, info: 0 },
        journalSize: 5,
        dropped: 0
      })
      expect(Object.keys(body.summary.rules)).toEqual([...RULES])
      expect(body.summary.rules).toMatchObject({
        denied: 1,
        'missing-client-request-id': 1,
        'excess-permissions': 1,
        'retry-storm': 0
      })
      expect(body.findings.map((finding) => finding.rule)).toEqual([
        'denied',
        'missing-client-request-id',
        'excess-permissions'
      ])
      expect(body.unmatched).toEqual([
        expect.objectContaining({
          tenant: 'tenant-a',
          method: 'GET',
          path: `${SEED_PATH}/nested`,
          count: 1,
          nearest: expect.objectContaining({ why: "'nested' is one segment too many" })
        })
      ])
    })

    it('covers one tenant with ?tenant=', async () => {
      await misbehave('tenant-a')
      await misbehave('tenant-b')
      const body = await report(server.app, '?tenant=tenant-b')
      expect(body.summary.requests).toBe(2)
      expect(new Set([...body.findings, ...body.unmatched].map((item) => item.tenant))).toEqual(
        new Set(['tenant-b'])
      )
    })

    it.each([
      ['?format=markdown', {}],
      ['', { accept: 'text/markdown' }],
      ['', { accept: 'text/html, text/markdown;q=0.9' }]
    ])('answers Markdown for a CI job summary with %s %j', async (query, headers) => {
      await misbehave('tenant-a')
      const response = await control(server.app, 'GET', `/report${query}`, undefined, headers)
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toBe('text/markdown; charset=utf-8')
      const text = response.body
      expect(text).toMatch(/^## graph-lifecycle-mock report\n/)
      for (const heading of ['### Findings', '### Permissions', '### Unmatched requests'])
        expect(text).toContain(`\n${heading}\n`)
      expect(text).toContain('| 2 | 1 | 1 | 2 | 0 |')
      expect(text).toContain(
        '`npx graph-lifecycle-mock token --scopes LifecycleWorkflows.ReadWrite.All --tenant tenant-a`'
      )
      expect(text).toContain("'nested' is one segment too many")
    })

    it('answers JSON for ?format=json whatever Accept says, and says when the journal dropped requests', async () => {
      for (let index = 0; index < 4; index++) await misbehave('tenant-a')
      const response = await control(server.app, 'GET', '/report?format=json', undefined, {
        accept: 'text/markdown'
      })
      expect(response.json().summary).toMatchObject({ requests: 5, dropped: 3 })
      const markdown = await control(server.app, 'GET', '/report?format=markdown')
      expect(markdown.body).toContain(
        '> The journal keeps the last 5 requests: 3 older ones were dropped and are not in this report.'
      )
    })

    it('says so when there is nothing to report', async () => {
      const response = await control(server.app, 'GET', '/report?format=markdown')
      expect(response.body).toContain('No findings: the clients behaved.')
      expect(response.body).toContain('No calls with a token that carries scp or roles.')
      expect(response.body).toContain('None: the mock served every request.')
      expect((await report(server.app)).summary).toMatchObject({ requests: 0, from: null, to: null })
    })

    it('rejects an unknown format naming the field', async () => {
      const response = await control(server.app, 'GET', '/report?format=html')
      expect(response.statusCode).toBe(400)
      expect(errorOf(response).details?.[0]?.target).toBe('format')
    })

    it('POST /_mock/reset clears the findings with the journal, for one tenant or all', async () => {
      await misbehave('tenant-a')
      await misbehave('tenant-b')
      expect((await control(server.app, 'POST', '/reset?tenant=tenant-a')).statusCode).toBe(204)
      const left = (await report(server.app)).findings
      expect(left).toHaveLength(3)
      expect(left.every((finding) => finding.tenant === 'tenant-b')).toBe(true)
      expect((await control(server.app, 'POST', '/reset')).statusCode).toBe(204)
      expect((await report(server.app)).findings).toEqual([])
    })
  })

  describe('the report behind the admin key', () => {
    it('needs the key like every control call', async () => {
      const keyed = await backend.server({ adminKey: 'secret' })
      try {
        expect((await control(keyed.app, 'GET', '/report')).statusCode).toBe(401)
        const allowed = await control(keyed.app, 'GET', '/report', undefined, {
          'x-mock-admin-key': 'secret'
        })
        expect(allowed.statusCode).toBe(200)
      } finally {
        await keyed.app.close()
      }
    })
  })
})

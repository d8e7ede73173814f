import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_KEPT_BODY } from '../../../src/control/journal/journal-hook.js'
import { JournalEntrySchema } from '../../../src/model/control/journal-entry.js'
import { mintToken } from '../../../src/model/token.js'
import { bothBackends } from '../../helpers/backends.js'
import { control, getSeed, journal } from '../../helpers/control.js'
import { DOC_ID, errorOf, SEED_PATH, type TestServer, validBody } from '../../helpers/graph-server.js'

describe.each(bothBackends())('the journal routes ($name)', (backend) => {
  let server: TestServer
  beforeEach(async () => {
    server = await backend.server()
  })
  afterEach(async () => {
    await server.app.close()
  })

  describe('the request journal', () => {
    it('records a Graph request with exactly the documented keys', async () => {
      const token = mintToken({ tenant: 'tenant-a' })
      const body = validBody({ workflowVersion: 3 })
      const response = await server.app.inject({
        method: 'PATCH',
        url: `${SEED_PATH}?$select=id&x=1`,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'client-request-id': 'my-client-id',
          'retry-attempt': '2'
        },
        payload: body
      })
      expect(response.statusCode).toBe(200)

      const [entry, ...others] = await journal(server.app)

      expect(others).toEqual([])
      expect(Object.keys(entry ?? {}).sort()).toEqual(Object.keys(JournalEntrySchema.properties).sort())
      expect(Object.keys(entry ?? {}).sort()).toEqual(
        [
          'time',
          'method',
          'path',
          'query',
          'status',
          'duration',
          'request-id',
          'client-request-id',
          'batch',
          'claims',
          'headers',
          'requestBody',
          'responseBody',
          'matched',
          'nearest'
        ].sort()
      )
      expect(entry).toMatchObject({
        method: 'PATCH',
        path: SEED_PATH,
        query: { $select: 'id', x: '1' },
        status: 200,
        'request-id': response.headers['request-id'],
        'client-request-id': 'my-client-id',
        batch: null,
        claims: {
          tid: 'tenant-a',
          appid: '00001111-aaaa-2222-bbbb-3333cccc4444',
          scp: 'LifecycleWorkflows.ReadWrite.All',
          idtyp: 'user'
        },
        requestBody: body,
        responseBody: response.json(),
        matched: true,
        nearest: null
      })
      expect(Object.keys(entry?.claims ?? {}).sort()).toEqual(['appid', 'idtyp', 'scp', 'tid'])
      expect(entry?.headers).toMatchObject({ 'retry-attempt': '2', 'client-request-id': 'my-client-id' })
      expect(entry?.headers).not.toHaveProperty('authorization')
      expect(entry?.duration).toBeGreaterThanOrEqual(0)
      expect(Date.parse(entry?.time ?? '')).not.toBeNaN()
    })

    it('records application tokens with roles, and Graph errors with their envelope', async () => {
      const token = mintToken({ roles: ['LifecycleWorkflows.Read.All'], appId: 'my-app' })
      await server.patch(validBody(), { headers: { authorization: `Bearer ${token}` } })

      const [entry] = await journal(server.app)

      expect(entry?.status).toBe(403)
      expect(entry?.claims).toEqual({
        tid: 'aaaabbbb-0000-cccc-1111-dddd2222eeee',
        appid: 'my-app',
        roles: ['LifecycleWorkflows.Read.All'],
        idtyp: 'app'
      })
      expect(entry?.responseBody).toMatchObject({ error: { code: 'Forbidden' } })
    })

    it('never holds the token or any of its encoded parts, whatever the answer', async () => {
      const tokens = [mintToken(), mintToken({ expired: true }), mintToken({ scopes: ['User.Read'] })]
      for (const token of tokens) {
        await server.patch(validBody(), { headers: { authorization: `Bearer ${token}` } })
        await server.app.inject({ url: '/beta/unknown', headers: { authorization: `Bearer ${token}` } })
      }
      await server.app.inject({ url: SEED_PATH, headers: { authorization: 'Bearer not-a-jwt' } })

      const entries = await journal(server.app)
      const text = JSON.stringify(entries)

      expect(entries.map((entry) => entry.status)).toEqual([200, 400, 401, 400, 403, 400, 401])
      for (const token of tokens) {
        for (const part of [token, ...token.split('.')]) expect(text).not.toContain(part)
      }
      expect(text).not.toContain('not-a-jwt')
      expect(text).not.toMatch(/authorization/i)
    })

    it('records unknown paths and wrong methods under the tenant of their token', async () => {
      const headers = { authorization: `Bearer ${mintToken({ tenant: 'tenant-a' })}` }
      await server.app.inject({ url: '/beta/nowhere/at/all', headers })
      await server.app.inject({ method: 'DELETE', url: SEED_PATH, headers })

      const entries = await journal(server.app, '?tenant=tenant-a')

      expect(entries.map(({ path, status }) => ({ path, status }))).toEqual([
        { path: '/beta/nowhere/at/all', status: 400 },
        { path: SEED_PATH, status: 405 }
      ])
    })

    it('does not record the control API', async () => {
      await control(server.app, 'GET', '/userProcessingResults')
      await control(server.app, 'GET', '/health')
      expect(await journal(server.app)).toEqual([])
    })

    it('keeps a note instead of a body larger than 64 KiB', async () => {
      const big = validBody({ padding: 'x'.repeat(MAX_KEPT_BODY) })
      await server.patch(big)

      const [entry] = await journal(server.app)

      expect(entry?.status).toBe(400)
      expect(entry?.requestBody).toMatch(/^\[body of \d+ bytes not kept\]$/)
    })

    it('stays at its bound under thousands of requests, keeping the newest', async () => {
      const small = await backend.server({ auth: 'off', journalSize: 100 })
      try {
        for (let index = 0; index < 3000; index++) {
          await small.app.inject({ url: SEED_PATH, headers: { 'client-request-id': String(index) } })
        }
        const entries = await journal(small.app)
        expect(entries).toHaveLength(100)
        expect(entries.map((entry) => Number(entry['client-request-id']))).toEqual(
          Array.from({ length: 100 }, (_, index) => 2900 + index)
        )
      } finally {
        await small.app.close()
      }
    })
  })

  describe('GET /_mock/requests filters', () => {
    beforeEach(async () => {
      const as = (tenant: string) => ({ authorization: `Bearer ${mintToken({ tenant })}` })
      await getSeed(server.app, 'tenant-a')
      await server.patch(validBody(), { headers: as('tenant-a') })
      await server.app.inject({
        url: '/beta/workflowBase/userProcessingResults/missing',
        headers: as('tenant-b')
      })
      await server.patch(validBody(), { headers: as('tenant-b') })
    })

    const summary = (entries: { method: string; status: number; claims: { tid?: string } | null }[]) =>
      entries.map((entry) => `${entry.method} ${entry.status} ${entry.claims?.tid}`)

    it.each([
      ['', ['GET 200 tenant-a', 'PATCH 200 tenant-a', 'GET 404 tenant-b', 'PATCH 200 tenant-b']],
      ['?method=patch', ['PATCH 200 tenant-a', 'PATCH 200 tenant-b']],
      ['?status=404', ['GET 404 tenant-b']],
      ['?tenant=tenant-b', ['GET 404 tenant-b', 'PATCH 200 tenant-b']],
      ['?path=/BETA/workflowBase/userProcessingResults/miss', ['GET 404 tenant-b']],
      [`?path=/beta/workflowBase/userProcessingResults/${DOC_ID}&method=GET`, ['GET 200 tenant-a']],
      ['?limit=2', ['GET 404 tenant-b', 'PATCH 200 tenant-b']],
      ['?tenant=tenant-a&limit=1', ['PATCH 200 tenant-a']],
      [
        '?since=2000-01-01T00:00:00Z&status=200',
        ['GET 200 tenant-a', 'PATCH 200 tenant-a', 'PATCH 200 tenant-b']
      ],
      ['?since=2999-01-01T00:00:00%2B01:00', []]
    ])('filter %j', async (query, expected) => {
      expect(summary(await journal(server.app, query))).toEqual(expected)
    })

    it('takes entries since a time', async () => {
      const entries = await journal(server.app)
      const third = entries[2]?.time ?? ''
      const since = await journal(server.app, `?since=${encodeURIComponent(third)}`)
      expect(since.length).toBeGreaterThanOrEqual(2)
      expect(since.every((entry) => entry.time >= third)).toBe(true)
    })

    it.each([
      [
        '?limit=0',
        "Invalid querystring: 'limit' has the invalid value 0 (expected integer to be greater or equal to 1).",
        'limit'
      ],
      ['?status=abc', /^Invalid querystring: 'status' has the invalid value "abc"/, 'status'],
      [
        '?since=yesterday',
        /^Invalid querystring: 'since' has the invalid value "yesterday" \(expected Edm.DateTimeOffset\)/,
        'since'
      ],
      [
        '?path=beta',
        /^Invalid querystring: 'path' has the invalid value "beta" \(expected a path starting with '\/'/,
        'path'
      ],
      ['?batch=', /^Invalid querystring: 'batch' has the invalid value ""/, 'batch'],
      ['?colour=red', "Invalid querystring: 'colour' is not a known property.", 'colour']
    ])('rejects %s naming the field', async (query, message, target) => {
      const response = await control(server.app, 'GET', `/requests${query}`)
      expect(response.statusCode).toBe(400)
      expect(errorOf(response).message).toMatch(message)
      expect(errorOf(response).details?.[0]?.target).toBe(target)
    })

    it('DELETE forgets every entry, or those of one tenant', async () => {
      expect((await control(server.app, 'DELETE', '/requests?tenant=tenant-a')).statusCode).toBe(204)
      expect(summary(await journal(server.app))).toEqual(['GET 404 tenant-b', 'PATCH 200 tenant-b'])
      expect((await control(server.app, 'DELETE', '/requests')).statusCode).toBe(204)
      expect(await journal(server.app)).toEqual([])
    })
  })
})

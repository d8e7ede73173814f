import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mintToken } from '../../../src/model/token.js'
import { DEFAULT_TENANT } from '../../../src/store/result-store.js'
import { bothBackends } from '../../helpers/backends.js'
import { control, journal } from '../../helpers/control.js'
import { DOC_ID, errorOf, SEED_PATH, type TestServer } from '../../helpers/graph-server.js'

describe.each(bothBackends())('finding requests ($name)', (backend) => {
  let server: TestServer
  beforeEach(async () => {
    server = await backend.server()
  })
  afterEach(async () => {
    await server.app.close()
  })

  const LIST = '/beta/identityGovernance/lifecycleWorkflows/workflows'
  const as = (tenant: string, appId = 'app-1') => ({
    authorization: `Bearer ${mintToken({ tenant, appId, scopes: ['LifecycleWorkflows.ReadWrite.All'] })}`
  })

  async function count(query: string): Promise<number> {
    const response = await control(server.app, 'GET', `/requests/count${query}`)
    expect(response.statusCode).toBe(200)
    return (response.json() as { count: number }).count
  }

  describe('count and find', () => {
    beforeEach(async () => {
      await server.app.inject({
        url: SEED_PATH,
        headers: { ...as('tenant-a'), 'client-request-id': 'mine-1' }
      })
      await server.app.inject({ url: SEED_PATH, headers: as('tenant-a', 'app-2') })
      await server.app.inject({ url: `${SEED_PATH}/extra`, headers: as('tenant-b') })
      await server.app.inject({ method: 'DELETE', url: SEED_PATH, headers: as('tenant-b') })
    })

    it.each([
      ['', 4],
      ['?matched=true', 2],
      ['?matched=false', 2],
      ['?matched=false&tenant=tenant-b', 2],
      ['?app=app-2', 1],
      ['?clientRequestId=mine-1', 1],
      ['?method=DELETE&matched=false', 1],
      ['?limit=3', 3],
      ['?status=418', 0]
    ])('GET /_mock/requests/count%s', async (query, expected) => {
      expect(await count(query)).toBe(expected)
      expect(await journal(server.app, query)).toHaveLength(expected)
    })

    it('finds one request by the request-id the mock gave it', async () => {
      const response = await server.app.inject({ url: SEED_PATH, headers: as('tenant-c') })
      const requestId = String(response.headers['request-id'])
      const [entry, ...others] = await journal(server.app, `?requestId=${requestId}`)
      expect(others).toEqual([])
      expect(entry?.['request-id']).toBe(requestId)
      expect(await count(`?requestId=${requestId}`)).toBe(1)
    })

    it.each([
      ['?matched=maybe', 'matched'],
      ['?app=', 'app'],
      ['?requestId=', 'requestId']
    ])('rejects %s naming the field', async (query, target) => {
      for (const path of ['/requests', '/requests/count']) {
        const response = await control(server.app, 'GET', `${path}${query}`)
        expect(response.statusCode).toBe(400)
        expect(errorOf(response).details?.[0]?.target).toBe(target)
      }
    })
  })

  describe('unmatched requests and their nearest route', () => {
    it('journals a request the mock does not serve with matched false and the nearest served route', async () => {
      await server.app.inject({ url: `${SEED_PATH}?$select=id`, headers: as('tenant-a') })
      await server.app.inject({
        url: `/beta/workflowBase/userProcessingResult/${DOC_ID}`,
        headers: as('tenant-a')
      })

      const [served, misspelt] = await journal(server.app)

      expect(served).toMatchObject({ matched: true, nearest: null })
      expect(misspelt).toMatchObject({
        status: 400,
        matched: false,
        nearest: {
          method: 'GET',
          path: '/beta/workflowBase/userProcessingResults/{id}',
          why: "'userProcessingResult' is misspelt: the route has 'userProcessingResults'"
        }
      })
    })

    it('journals paths a version does not serve (the seed path on v1.0) and paths without a version, under the tenant of their token', async () => {
      const response = await server.app.inject({
        url: `/v1.0/workflowBase/userProcessingResults/${DOC_ID}`,
        headers: as('tenant-a')
      })
      await server.app.inject({ method: 'PATCH', url: '/workflowBase/userProcessingResults/u1', payload: {} })

      expect(response.statusCode).toBe(400)
      expect(errorOf(response).message).toBe("Resource not found for the segment 'workflowBase'.")
      const entries = await journal(server.app, '?matched=false')
      expect(entries.map(({ path, nearest }) => ({ path, why: nearest?.why }))).toEqual([
        {
          path: `/v1.0/workflowBase/userProcessingResults/${DOC_ID}`,
          why: 'another API version: the route is served under /beta, not /v1.0'
        },
        {
          path: '/workflowBase/userProcessingResults/u1',
          why: 'the API version is missing: the route is served under /beta'
        }
      ])
      expect(await count('?tenant=tenant-a&matched=false')).toBe(1)
      expect(await count(`?tenant=${DEFAULT_TENANT}&matched=false`)).toBe(1)
    })

    it('names the method a path takes, and a query option it does not take', async () => {
      await server.app.inject({ method: 'DELETE', url: SEED_PATH, headers: as('tenant-a') })
      await server.app.inject({ url: `${LIST}/wf/userProcessingResults?$skip=5`, headers: as('tenant-a') })

      const entries = await journal(server.app, '?matched=false')

      expect(entries.map((entry) => [entry.status, entry.nearest])).toEqual([
        [
          405,
          {
            method: 'PATCH',
            path: '/beta/workflowBase/userProcessingResults/{id}',
            why: 'DELETE is not allowed here: the route takes GET, PATCH'
          }
        ],
        [
          expect.any(Number),
          {
            method: 'GET',
            path: `${LIST}/{workflowId}/userProcessingResults`,
            why: "the query option '$skip' is not taken by this path: it takes $filter, $orderby, $select, $top, $count, $skiptoken, $expand"
          }
        ]
      ])
    })

    it('leaves unknown paths of the control API out of the journal', async () => {
      const response = await control(server.app, 'GET', '/nothing-here')
      expect(response.statusCode).toBe(400)
      expect(errorOf(response).code).toBe('BadRequest')
      expect(await journal(server.app)).toEqual([])
    })
  })

  describe('--journal-size 0', () => {
    it('journals nothing, and the journal routes answer with nothing', async () => {
      const off = await backend.server({ journalSize: 0 })
      try {
        await off.app.inject({ url: SEED_PATH, headers: as('tenant-a') })
        expect(await journal(off.app)).toEqual([])
        expect((await control(off.app, 'GET', '/requests/count')).json()).toEqual({ count: 0 })
      } finally {
        await off.app.close()
      }
    })
  })
})

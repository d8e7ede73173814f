import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_TOKEN_TENANT, mintToken, type TokenOptions } from '../../../src/model/token.js'
import { bothBackends } from '../../helpers/backends.js'
import { findingsOf, report } from '../../helpers/control.js'
import { READ, SEED_PATH, type TestServer, validBody, WRITE } from '../../helpers/graph-server.js'
import { get, workflowResults } from '../../helpers/workflows.js'

describe.each(bothBackends())('token findings ($name)', (backend) => {
  let server: TestServer
  beforeEach(async () => {
    server = await backend.server()
  })
  afterEach(async () => {
    await server.app.close()
  })

  const REPORTS = 'LifecycleWorkflows-Reports.Read.All'
  const PERSONAL_ACCOUNT_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad'
  const SEED_ROUTE = '/beta/workflowBase/userProcessingResults/{id}'

  /** The mock's token with its payload changed, e.g. another audience. */
  function tokenWith(claims: Record<string, unknown>): string {
    const [header, payload, signature] = mintToken().split('.')
    const changed = { ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), ...claims }
    return `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`
  }

  const patchAs = (token: string | undefined) =>
    server.patch(validBody(), {
      headers: token === undefined ? { authorization: '' } : { authorization: `Bearer ${token}` }
    })
  const getAs = (token: string | undefined) =>
    server.app.inject({
      url: SEED_PATH,
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` }
    })
  const as = (options: TokenOptions) => mintToken(options)

  describe('denied', () => {
    it.each([
      ['no token', () => getAs(undefined), 401, 'Authorization', `--scopes ${READ}`],
      ['a token that is no JWT', () => getAs('not-a-jwt'), 401, 'Authorization', `--scopes ${READ}`],
      ['another audience', () => getAs(tokenWith({ aud: 'api://other' })), 401, 'aud', `--scopes ${READ}`],
      ['an expired token', () => getAs(as({ expired: true })), 401, 'exp', `--scopes ${READ}`],
      [
        'a token not yet valid',
        () => getAs(as({ now: Date.now() + 600_000 })),
        401,
        'nbf',
        `--scopes ${READ}`
      ],
      [
        'neither scp nor roles',
        () => getAs(tokenWith({ scp: undefined, idtyp: 'app' })),
        403,
        'scp',
        `--scopes ${READ}`
      ],
      [
        'a delegated token without the permission',
        () => patchAs(as({ scopes: ['User.Read'] })),
        403,
        'scp',
        `--scopes ${WRITE}`
      ],
      [
        'an app-only token without the permission',
        () => patchAs(as({ roles: [READ] })),
        403,
        'roles',
        `--roles ${WRITE}`
      ],
      [
        'a token of a tenant, without the permission',
        () => patchAs(as({ scopes: [READ], tenant: 'tenant-a' })),
        403,
        'scp',
        `--scopes ${WRITE} --tenant tenant-a`
      ],
      [
        'a personal account',
        () => getAs(as({ tenant: PERSONAL_ACCOUNT_TENANT })),
        403,
        'tid',
        `--scopes ${READ} --tenant ${DEFAULT_TOKEN_TENANT}`
      ]
    ])(
      'flags %s with the claim and a token command that passes',
      async (_case, call, status, claim, flags) => {
        const response = await call()
        expect(response.statusCode).toBe(status)
        const [finding, ...others] = await findingsOf(server.app, 'denied')
        expect(others).toEqual([])
        expect(finding).toMatchObject({
          severity: 'error',
          claim,
          command: `npx graph-lifecycle-mock token ${flags}`,
          count: 1,
          requestIds: [response.headers['request-id']]
        })
        expect(finding?.message).toBe(
          `${status} ${response.json().error.code}: ${response.json().error.message}`
        )
      }
    )

    it('gives each distinct cause one finding, counting its requests', async () => {
      const reader = as({ scopes: [READ] })
      for (let index = 0; index < 3; index++) await patchAs(reader)
      await getAs(undefined)
      const findings = await findingsOf(server.app, 'denied')
      expect(findings.map(({ claim, count, route }) => ({ claim, count, route }))).toEqual([
        { claim: 'scp', count: 3, route: `PATCH ${SEED_ROUTE}` },
        { claim: 'Authorization', count: 1, route: `GET ${SEED_ROUTE}` }
      ])
    })

    it('does not flag a client whose tokens pass', async () => {
      expect((await patchAs(as({ scopes: [WRITE] }))).statusCode).toBe(200)
      expect((await getAs(as({ roles: [READ] }))).statusCode).toBe(200)
      expect(await findingsOf(server.app, 'denied')).toEqual([])
    })
  })

  describe('excess-permissions and the permissions report', () => {
    it('reports the least-privileged set of an app, delegated and application apart, and flags the excess', async () => {
      const delegated = as({ appId: 'app-1', scopes: [READ, WRITE, 'openid', 'User.Read'] })
      await patchAs(delegated)
      await getAs(delegated)
      await get(server.app, `${workflowResults()}?$select=id`, {
        headers: { authorization: `Bearer ${delegated}` }
      })
      await getAs(as({ appId: 'app-1', roles: [READ, WRITE] }))

      const { permissions, findings } = await report(server.app)

      expect(permissions).toEqual([
        {
          tenant: DEFAULT_TOKEN_TENANT,
          app: 'app-1',
          kind: 'application',
          routes: [`GET ${SEED_ROUTE}`],
          granted: [READ, WRITE],
          leastPrivileged: [READ],
          excess: [WRITE]
        },
        {
          tenant: DEFAULT_TOKEN_TENANT,
          app: 'app-1',
          kind: 'delegated',
          routes: [
            'GET /beta/identityGovernance/lifecycleWorkflows/workflows/{workflowId}/userProcessingResults',
            `GET ${SEED_ROUTE}`,
            `PATCH ${SEED_ROUTE}`
          ],
          granted: [READ, WRITE, 'User.Read', 'openid'],
          leastPrivileged: [WRITE],
          excess: [READ, 'User.Read']
        }
      ])
      const excess = findings.filter((finding) => finding.rule === 'excess-permissions')
      expect(
        excess.map(({ severity, kind, excess, leastPrivileged, count }) => ({
          severity,
          kind,
          excess,
          leastPrivileged,
          count
        }))
      ).toEqual([
        { severity: 'warning', kind: 'application', excess: [WRITE], leastPrivileged: [READ], count: 1 },
        {
          severity: 'warning',
          kind: 'delegated',
          excess: [READ, 'User.Read'],
          leastPrivileged: [WRITE],
          count: 3
        }
      ])
    })

    it('does not flag an app whose tokens carry just what its calls need', async () => {
      await get(server.app, `${workflowResults()}?$select=id`, {
        headers: { authorization: `Bearer ${as({ appId: 'lean', scopes: [REPORTS] })}` }
      })
      const { permissions, findings } = await report(server.app)
      expect(permissions).toEqual([
        expect.objectContaining({ app: 'lean', leastPrivileged: [REPORTS], excess: [] })
      ])
      expect(findings.filter((finding) => finding.rule === 'excess-permissions')).toEqual([])
    })
  })
})

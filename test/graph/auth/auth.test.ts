import type { FastifyReply, FastifyRequest } from 'fastify'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { authenticate } from '../../../src/graph/auth/auth-hooks.js'
import { authorize, bearerToken, decodeJwt, grantedPermissions } from '../../../src/graph/auth/authorize.js'
import { READ_PERMISSIONS, TOKEN_ONLY, WRITE_PERMISSIONS } from '../../../src/graph/auth/permissions.js'
import { GraphError } from '../../../src/graph/errors/graph-error.js'
import { DEFAULT_TOKEN_TENANT, mintToken } from '../../../src/model/token.js'
import {
  bearer,
  READ,
  SEED_PATH,
  type TestServer,
  testServer,
  validBody,
  WRITE
} from '../../helpers/graph-server.js'

function unsigned(claims: Record<string, unknown>): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${encode({ alg: 'none' })}.${encode(claims)}.`
}

function rejection(run: () => unknown): GraphError {
  try {
    run()
  } catch (error) {
    if (error instanceof GraphError) return error
    throw error
  }
  throw new Error('expected a GraphError')
}

describe('auth rules (pure functions)', () => {
  const exp = Math.floor(Date.now() / 1000) + 600

  it('decodes a JWT without checking the signature', () => {
    expect(decodeJwt(unsigned({ aud: 'x', n: 1 }))).toEqual({ aud: 'x', n: 1 })
  })

  it.each([
    'abc',
    'a.b',
    'a.b.c.d',
    '!!.@@.##',
    `${Buffer.from('[]').toString('base64url')}.e30.`,
    'e30.bm90anNvbg.'
  ])('refuses the malformed token %s', (token) => {
    expect(rejection(() => decodeJwt(token)).message).toBe(
      'CompactToken parsing failed with error code: 80049217'
    )
  })

  it.each([undefined, '', 'Bearer', 'Bearer    '])('treats %j as an empty token', (header) => {
    expect(rejection(() => bearerToken(header)).message).toBe('Access token is empty.')
  })

  it.each(['Basic dXNlcjpwYXNz', 'a.b.c', 'Bearer:a.b.c'])(
    'answers %j, which is not Bearer <token>, with a message naming that form',
    (header) => {
      const error = rejection(() => bearerToken(header))
      expect(error).toMatchObject({ statusCode: 401, code: 'InvalidAuthenticationToken' })
      expect(error.message).toMatch(/^Access token is empty: .*'Authorization: Bearer <token>'\.$/)
    }
  )

  it('accepts the scheme in any case', () => {
    expect(bearerToken('bearer abc')).toBe('abc')
  })

  it.each([
    'https://graph.microsoft.com',
    'https://graph.microsoft.com/',
    '00000003-0000-0000-c000-000000000000'
  ])('accepts the audience %s', (aud) => {
    expect(authorize(`Bearer ${unsigned({ aud, exp, scp: WRITE })}`, WRITE_PERMISSIONS)).toMatchObject({
      aud
    })
  })

  it('accepts a list of audiences that includes Graph', () => {
    const aud = ['api://mine', 'https://graph.microsoft.com']
    expect(authorize(`Bearer ${unsigned({ aud, exp, scp: WRITE })}`, WRITE_PERMISSIONS)).toMatchObject({
      aud
    })
  })

  it.each(['https://graph.windows.net', 'api://mine', undefined, ['api://mine'], 7])(
    'rejects the audience %s',
    (aud) => {
      const error = rejection(() =>
        authorize(`Bearer ${unsigned({ aud, exp, scp: WRITE })}`, WRITE_PERMISSIONS)
      )
      expect(error.statusCode).toBe(401)
      expect(error.message).toBe('Access token validation failure. Invalid audience.')
    }
  )

  it('reads delegated permissions from scp and application permissions from roles', () => {
    expect(grantedPermissions({ scp: 'User.Read  LifecycleWorkflows.Read.All' })).toEqual([
      'User.Read',
      'LifecycleWorkflows.Read.All'
    ])
    expect(grantedPermissions({ roles: ['A', 7, 'B'] })).toEqual(['A', 'B'])
    expect(grantedPermissions({ scp: ['not', 'a', 'string'] })).toBeUndefined()
  })

  it('checks the lifetime against the clock it is given', () => {
    const token = `Bearer ${unsigned({ aud: 'https://graph.microsoft.com', nbf: 1000, exp: 2000, scp: WRITE })}`
    expect(() => authorize(token, WRITE_PERMISSIONS, 1500_000)).not.toThrow()
    expect(rejection(() => authorize(token, WRITE_PERMISSIONS, 999_000)).statusCode).toBe(401)
    expect(rejection(() => authorize(token, WRITE_PERMISSIONS, 2000_000)).statusCode).toBe(401)
  })
})

describe('tokens against the routes', () => {
  let server: TestServer
  beforeEach(async () => {
    server = await testServer()
  })
  afterEach(async () => {
    await server.app.close()
  })

  const get = (authorization: string) =>
    server.app.inject({ method: 'GET', url: SEED_PATH, headers: { authorization } })

  it.each([
    ['delegated ReadWrite', bearer({ scopes: ['User.Read', WRITE] }), 200, 200],
    ['application ReadWrite', bearer({ roles: [WRITE] }), 200, 200],
    ['delegated Read only', bearer({ scopes: [READ] }), 403, 200],
    ['application Read only', bearer({ roles: [READ] }), 403, 200],
    ['unrelated delegated scope', bearer({ scopes: ['User.Read'] }), 403, 403],
    ['empty roles', bearer({ roles: [] }), 403, 403],
    ['personal account', bearer({ tenant: '9188040d-6c67-4c5b-b112-36a304b66dad' }), 403, 403],
    ['expired', bearer({ expired: true }), 401, 401],
    ['wrong audience', `Bearer ${unsigned({ aud: 'api://x', scp: WRITE })}`, 401, 401]
  ])('%s token: PATCH %i, GET %i', async (_name, authorization, patchStatus, getStatus) => {
    const before = await server.snapshot()
    const patched = await server.patch(validBody(), { headers: { authorization } })
    expect(patched.statusCode).toBe(patchStatus)
    if (patchStatus !== 200) expect(await server.snapshot()).toEqual(before)
    expect((await get(authorization)).statusCode).toBe(getStatus)
  })

  it('names the permissions that would do on a 403', async () => {
    const response = await get(bearer({ scopes: ['User.Read'] }))
    expect(response.json().error.message).toContain(READ_PERMISSIONS.join(', '))
  })

  it('checks nothing with AUTH=off', async () => {
    const open = await testServer({ auth: 'off' })
    const responses = [
      await open.patch(validBody(), { headers: { authorization: '' } }),
      await open.patch(validBody(), { headers: { authorization: 'Bearer garbage' } })
    ]
    await open.app.close()
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200])
  })

  it('keeps each tenant’s writes to itself', async () => {
    await server.patch(validBody({ workflowVersion: 42 }), {
      headers: { authorization: bearer({ tenant: 'tenant-a' }) }
    })
    const a = await get(bearer({ tenant: 'tenant-a' }))
    const b = await get(bearer({ tenant: 'tenant-b' }))
    expect(a.json().workflowVersion).toBe(42)
    expect(b.json().workflowVersion).toBe(1)
  })

  it('mints tokens the server accepts, with the claims asked for', () => {
    const claims = decodeJwt(mintToken({ roles: [WRITE], tenant: 't1', expiresIn: 60, now: 1_000_000 }))
    expect(claims).toMatchObject({ roles: [WRITE], tid: 't1', idtyp: 'app', iat: 1000, exp: 1060 })
    expect(claims.scp).toBeUndefined()
    expect(decodeJwt(mintToken({ scopes: [READ] }))).toMatchObject({ scp: READ, idtyp: 'user' })
  })
})

describe('the auth hook', () => {
  it('refuses to serve a route that declares no permissions, rather than letting any token in', async () => {
    const request = {
      headers: { authorization: `Bearer ${mintToken()}` },
      routeOptions: { url: '/beta/forgotten', config: {} }
    } as unknown as FastifyRequest
    expect(() => authenticate(request, {} as FastifyReply, () => {})).toThrow(
      'The route /beta/forgotten declares no permissions.'
    )
  })

  it('takes any valid token on a route that accepts any (TOKEN_ONLY), and still checks audience and lifetime', async () => {
    const request = (token: string) =>
      ({
        headers: { authorization: `Bearer ${token}` },
        routeOptions: { url: '/beta/$batch', config: { permissions: TOKEN_ONLY } }
      }) as unknown as FastifyRequest
    const done = vi.fn()
    const valid = request(mintToken({ scopes: [] }))
    authenticate(valid, {} as FastifyReply, done)
    expect(done).toHaveBeenCalledOnce()
    expect(valid.tenant).toBe(DEFAULT_TOKEN_TENANT)
    const expired = request(mintToken({ expired: true, tenant: 'refused' }))
    expect(() => authenticate(expired, {} as FastifyReply, done)).toThrow(GraphError)
    // A refused token still names its tenant, for the journal.
    expect(expired.tenant).toBe('refused')
    expect(done).toHaveBeenCalledOnce()
  })
})

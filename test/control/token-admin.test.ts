import { afterEach, describe, expect, it } from 'vitest'
import { decodeJwt } from '../../src/graph/auth/authorize.js'
import { DEFAULT_TENANT } from '../../src/store/result-store.js'
import { control } from '../helpers/control.js'
import { errorOf, SEED_PATH, type TestServer, testServer } from '../helpers/graph-server.js'

let server: TestServer
afterEach(async () => {
  await server.app.close()
})

async function token(body: unknown): Promise<string> {
  const response = await control(server.app, 'POST', '/token', body)
  expect(response.statusCode).toBe(200)
  expect(Object.keys(response.json())).toEqual(['token'])
  return response.json().token
}

const read = (jwt: string) =>
  server.app.inject({ url: SEED_PATH, headers: { authorization: `Bearer ${jwt}` } })

describe('POST /_mock/token', () => {
  it('returns a delegated token the Graph routes accept, like the CLI command', async () => {
    server = await testServer()
    const jwt = await token({ scopes: ['LifecycleWorkflows.Read.All'], tenant: 'tenant-a', expiresIn: 600 })
    const claims = decodeJwt(jwt)
    expect(claims).toMatchObject({ scp: 'LifecycleWorkflows.Read.All', tid: 'tenant-a', idtyp: 'user' })
    expect(Number(claims.exp) - Number(claims.iat)).toBe(600)
    expect((await read(jwt)).statusCode).toBe(200)
  })

  it('returns an app-only token for roles, with the app id', async () => {
    server = await testServer()
    const jwt = await token({ roles: ['LifecycleWorkflows.ReadWrite.All'], appId: 'my-app' })
    expect(decodeJwt(jwt)).toMatchObject({
      roles: ['LifecycleWorkflows.ReadWrite.All'],
      appid: 'my-app',
      idtyp: 'app'
    })
    expect((await read(jwt)).statusCode).toBe(200)
  })

  it('makes an expired token on request, and the default token from an empty object', async () => {
    server = await testServer()
    expect((await read(await token({ expired: true }))).statusCode).toBe(401)
    expect(decodeJwt(await token({}))).toMatchObject({ scp: 'LifecycleWorkflows.ReadWrite.All' })
  })

  it.each([
    [
      { scopes: ['A'], roles: ['B'] },
      /^Invalid body: send either 'scopes' \(a delegated token\) or 'roles'/,
      'roles'
    ],
    [
      { scopes: 'LifecycleWorkflows.Read.All' },
      /^Invalid body: 'scopes' has the invalid value "LifecycleWorkflows.Read.All" \(expected array\)/,
      'scopes'
    ],
    [{ expiresIn: -5 }, /^Invalid body: 'expiresIn' has the invalid value -5/, 'expiresIn'],
    [{ tenant: '' }, /^Invalid body: 'tenant' has the invalid value ""/, 'tenant'],
    [{ scope: ['A'] }, "Invalid body: 'scope' is not a known property.", 'scope']
  ])('rejects %j naming the field', async (body, message, target) => {
    server = await testServer()
    const response = await control(server.app, 'POST', '/token', body)
    expect(response.statusCode).toBe(400)
    expect(errorOf(response).message).toMatch(message)
    expect(errorOf(response).details?.[0]?.target).toBe(target)
  })
})

describe('--admin-key', () => {
  it('requires the header x-mock-admin-key on every control call but health, and changes nothing without it', async () => {
    server = await testServer({ adminKey: 'let-me-in' })
    const before = await server.snapshot(DEFAULT_TENANT)
    const calls = [
      ['POST', '/reset'],
      ['GET', '/userProcessingResults'],
      ['PUT', '/userProcessingResults'],
      ['GET', '/requests'],
      ['DELETE', '/requests'],
      ['POST', '/faults'],
      ['GET', '/faults'],
      ['DELETE', '/faults'],
      ['POST', '/token']
    ] as const
    for (const [method, url] of calls) {
      const attempts: Record<string, string>[] = [
        {},
        { 'x-mock-admin-key': 'wrong' },
        { 'x-mock-admin-key': 'let-me-in-too' }
      ]
      for (const headers of attempts) {
        const response = await control(server.app, method, url, method === 'PUT' ? [] : undefined, headers)
        expect(response.statusCode, `${method} ${url}`).toBe(401)
        expect(errorOf(response)).toMatchObject({
          code: 'Unauthorized',
          message: expect.stringContaining("'x-mock-admin-key'")
        })
      }
    }
    expect(await server.snapshot(DEFAULT_TENANT)).toEqual(before)
    expect((await control(server.app, 'GET', '/health')).statusCode).toBe(200)
    // Without --tls there is no certificate: the answer says so rather than asking for the key.
    expect((await control(server.app, 'GET', '/ca.pem')).statusCode).toBe(404)

    const allowed = await control(server.app, 'GET', '/faults', undefined, {
      'x-mock-admin-key': 'let-me-in'
    })
    expect(allowed.statusCode).toBe(200)
  })

  it('is not needed when no key is set', async () => {
    server = await testServer()
    expect((await control(server.app, 'GET', '/faults')).statusCode).toBe(200)
  })
})

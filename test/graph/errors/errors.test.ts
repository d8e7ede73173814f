import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mintToken } from '../../../src/model/token.js'
import {
  bearer,
  DOC_ID,
  errorOf,
  READ,
  SEED_PATH,
  type TestServer,
  testServer,
  validBody
} from '../../helpers/graph-server.js'

function jwt(claims: Record<string, unknown>): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `Bearer ${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`
}

const now = () => Math.floor(Date.now() / 1000)
const graphClaims = { aud: 'https://graph.microsoft.com', exp: now() + 600, tid: 'contoso' }

let server: TestServer
beforeEach(async () => {
  server = await testServer()
})
afterEach(async () => {
  await server.app.close()
})

/** One case per row of SPEC §5: every answer is Graph's envelope and the store is unchanged. */
describe('SPEC §5 error table', () => {
  const rows: {
    name: string
    request: () => Promise<import('fastify').LightMyRequestResponse>
    status: number
    code: string
    message: string | RegExp
  }[] = [
    {
      name: 'no Authorization header',
      request: () => server.patch(validBody(), { headers: { authorization: '' } }),
      status: 401,
      code: 'InvalidAuthenticationToken',
      message: 'Access token is empty.'
    },
    {
      name: 'empty bearer token',
      request: () => server.patch(validBody(), { headers: { authorization: 'Bearer ' } }),
      status: 401,
      code: 'InvalidAuthenticationToken',
      message: 'Access token is empty.'
    },
    {
      name: 'not a JWT',
      request: () => server.patch(validBody(), { headers: { authorization: 'Bearer not-a-jwt' } }),
      status: 401,
      code: 'InvalidAuthenticationToken',
      message: 'CompactToken parsing failed with error code: 80049217'
    },
    {
      name: 'wrong audience',
      request: () =>
        server.patch(validBody(), {
          headers: { authorization: jwt({ ...graphClaims, aud: 'api://other', scp: 'x' }) }
        }),
      status: 401,
      code: 'InvalidAuthenticationToken',
      message: 'Access token validation failure. Invalid audience.'
    },
    {
      name: 'expired token',
      request: () => server.patch(validBody(), { headers: { authorization: bearer({ expired: true }) } }),
      status: 401,
      code: 'InvalidAuthenticationToken',
      message: 'Access token has expired or is not yet valid.'
    },
    {
      name: 'token not yet valid',
      request: () =>
        server.patch(validBody(), {
          headers: {
            authorization: jwt({ ...graphClaims, nbf: now() + 600, scp: 'LifecycleWorkflows.ReadWrite.All' })
          }
        }),
      status: 401,
      code: 'InvalidAuthenticationToken',
      message: 'Access token has expired or is not yet valid.'
    },
    {
      name: 'neither scp nor roles',
      request: () => server.patch(validBody(), { headers: { authorization: jwt(graphClaims) } }),
      status: 403,
      code: 'AccessDenied',
      message: 'Either scp or roles claim need to be present in the token.'
    },
    {
      name: 'permission missing',
      request: () => server.patch(validBody(), { headers: { authorization: bearer({ scopes: [READ] }) } }),
      status: 403,
      code: 'Forbidden',
      message:
        'You cannot perform the requested operation, required scopes are missing in the token. ' +
        'One of the following permissions would allow it: LifecycleWorkflows.ReadWrite.All.'
    },
    {
      name: 'personal account',
      request: () =>
        server.patch(validBody(), {
          headers: { authorization: bearer({ tenant: '9188040d-6c67-4c5b-b112-36a304b66dad' }) }
        }),
      status: 403,
      code: 'Forbidden',
      message: /personal Microsoft accounts/
    },
    {
      name: 'malformed JSON',
      request: () => server.patch('{"failedTasksCount": '),
      status: 400,
      code: 'BadRequest',
      message:
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.'
    },
    {
      name: 'no Content-Type on a write',
      request: () =>
        server.app.inject({
          method: 'PATCH',
          url: SEED_PATH,
          headers: { authorization: bearer() },
          payload: Buffer.from(JSON.stringify(validBody()))
        }),
      status: 400,
      code: 'BadRequest',
      message: 'Write requests (excluding DELETE) must contain the Content-Type header declaration.'
    },
    {
      name: 'Content-Type not JSON',
      request: () =>
        server.patch('failedTasksCount=1', {
          headers: { 'content-type': 'application/x-www-form-urlencoded' }
        }),
      status: 415,
      code: 'UnsupportedMediaType',
      message: /'application\/x-www-form-urlencoded'/
    },
    {
      name: 'unknown property',
      request: () => server.patch(validBody({ foo: 1 })),
      status: 400,
      code: 'BadRequest',
      message:
        "The property 'foo' does not exist on type 'microsoft.graph.identityGovernance.userProcessingResult'. " +
        'Make sure to only use property names that are defined by the type or mark the type as open type.'
    },
    {
      name: 'wrong value for a property',
      request: () => server.patch(validBody({ failedTasksCount: 'X' })),
      status: 400,
      code: 'BadRequest',
      message: "Cannot convert the literal 'X' to the expected type 'Edm.Int32'."
    },
    {
      name: 'required property missing (strict)',
      request: () => server.patch({ failedTasksCount: 1 }),
      status: 400,
      code: 'BadRequest',
      message:
        /'processingStatus', 'scheduledDateTime', 'totalTasksCount', 'totalUnprocessedTasksCount', 'workflowExecutionType', 'workflowVersion'/
    },
    {
      name: 'id not found',
      request: () =>
        server.patch(validBody(), {
          url: '/beta/workflowBase/userProcessingResults/00000000-0000-0000-0000-000000000000'
        }),
      status: 404,
      code: 'ResourceNotFound',
      message:
        "Resource '00000000-0000-0000-0000-000000000000' does not exist or one of its queried reference-property objects are not present."
    },
    {
      name: 'known path, other method',
      request: () =>
        server.app.inject({ method: 'DELETE', url: SEED_PATH, headers: { authorization: bearer() } }),
      status: 405,
      code: 'Request_BadRequest',
      message: 'Specified HTTP method is not allowed for the request target.'
    },
    {
      name: 'unknown path',
      request: () =>
        server.app.inject({
          method: 'GET',
          url: '/beta/workflowBase/users/1',
          headers: { authorization: bearer() }
        }),
      status: 400,
      code: 'BadRequest',
      message: "Resource not found for the segment 'users'."
    },
    {
      // Longer than the router's parameter limit: Fastify's own answer for it was a 500 here once.
      name: 'an id of 2000 characters',
      request: () =>
        server.app.inject({
          method: 'GET',
          url: `/beta/workflowBase/userProcessingResults/${'a'.repeat(2000)}`,
          headers: { authorization: bearer() }
        }),
      status: 400,
      code: 'BadRequest',
      message: `Resource not found for the segment '${'a'.repeat(2000)}'.`
    },
    {
      name: 'a write with an empty Content-Type to an unknown path',
      request: () =>
        server.app.inject({
          method: 'PATCH',
          url: '/v1.0/me',
          headers: { 'content-type': '' },
          payload: '{}'
        }),
      status: 400,
      code: 'BadRequest',
      message: 'Write requests (excluding DELETE) must contain the Content-Type header declaration.'
    },
    {
      name: 'a write with a Content-Type that is no media type to an unknown path',
      request: () =>
        server.app.inject({
          method: 'POST',
          url: '/v1.0/me',
          headers: { 'content-type': 'json' },
          payload: '{}'
        }),
      status: 415,
      code: 'UnsupportedMediaType',
      message: /The content type 'json' is not supported/
    },
    {
      name: 'body over 4 MiB',
      request: () => server.patch(JSON.stringify({ ...validBody(), padding: 'x'.repeat(4 * 1024 * 1024) })),
      status: 413,
      code: 'RequestEntityTooLarge',
      message: /4194304 bytes/
    }
  ]

  it.each(rows)('$name → $status $code', async ({ request, status, code, message }) => {
    const before = await server.snapshot()
    const response = await request()
    expect(response.statusCode).toBe(status)
    expect(response.headers['content-type']).toMatch(/^application\/json/)
    const body = response.json()
    expect(Object.keys(body)).toEqual(['error'])
    expect(body.error.code).toBe(code)
    if (typeof message === 'string') expect(body.error.message).toBe(message)
    else expect(body.error.message).toMatch(message)
    expect(body.error.innerError).toEqual({
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
      'request-id': response.headers['request-id'],
      'client-request-id': response.headers['client-request-id']
    })
    expect(JSON.stringify(body)).not.toMatch(/ at .*\.(ts|js):\d+/)
    expect(await server.snapshot()).toEqual(before)
  })

  it('puts WWW-Authenticate on every 401', async () => {
    const response = await server.patch(validBody(), { headers: { authorization: 'Bearer x.y' } })
    expect(response.statusCode).toBe(401)
    expect(response.headers['www-authenticate']).toBe(
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", ' +
        'client_id="00000003-0000-0000-c000-000000000000"'
    )
  })

  it('lists the allowed methods on a 405', async () => {
    const response = await server.app.inject({
      method: 'PUT',
      url: SEED_PATH,
      headers: { authorization: bearer() }
    })
    expect(response.statusCode).toBe(405)
    expect(response.headers.allow).toBe('GET, PATCH')
  })

  it('names the first unknown segment of any path, outside /beta too', async () => {
    for (const [url, segment] of [
      ['/v2/me', 'v2'],
      ['/beta/workflowBase/userProcessingResults', 'userProcessingResults'],
      [`/beta/workflowBase/userProcessingResults/${DOC_ID}/taskProcessingResults`, 'taskProcessingResults']
    ]) {
      const response = await server.app.inject({ method: 'GET', url })
      expect(response.statusCode, url).toBe(400)
      expect(errorOf(response).message).toBe(`Resource not found for the segment '${segment}'.`)
    }
  })

  it('answers a malformed URL with the envelope, not Fastify’s shape', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/%a' })
    expect(response.statusCode).toBe(400)
    expect(errorOf(response).code).toBe('BadRequest')
    expect(response.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('turns an unexpected fault into a 500 envelope without details, logging it with the request id', async () => {
    const lines: string[] = []
    const faulty = await testServer(
      { logLevel: 'error' },
      { logStream: { write: (line: string) => lines.push(line) } }
    )
    faulty.store.patch = async () => {
      throw new Error('disk on fire')
    }
    const response = await faulty.patch(validBody())
    await faulty.app.close()
    expect(response.statusCode).toBe(500)
    const error = errorOf(response)
    expect(error.code).toBe('InternalServerError')
    expect(response.body).not.toContain('disk on fire')
    const logged = lines
      .map((line) => JSON.parse(line))
      .find((entry) => entry.err?.message === 'disk on fire')
    expect(logged['request-id']).toBe(response.headers['request-id'])
  })

  it('accepts a token whose signature is garbage or absent (alg none)', async () => {
    const token = mintToken()
    const [header, payload] = token.split('.')
    for (const authorization of [`Bearer ${header}.${payload}.`, `Bearer ${header}.${payload}.bogus`]) {
      const response = await server.patch(validBody(), { headers: { authorization } })
      expect(response.statusCode).toBe(200)
    }
  })
})

import { Client, GraphError } from '@microsoft/microsoft-graph-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MISSING_TOKEN_HINT } from '../../src/graph/errors/graph-error.js'
import { DEFAULT_TOKEN_TENANT, mintToken } from '../../src/model/token.js'
import { DEFAULT_TENANT as NO_AUTH_TENANT } from '../../src/store/result-store.js'
import { graphClient } from '../helpers/graph-client.js'
import { DOC_ID, validBody } from '../helpers/graph-server.js'
import { type ListeningServer, startListeningServer } from '../helpers/listening-server.js'

// The client adds the version: this is the path under `beta`.
const API_PATH = `/workflowBase/userProcessingResults/${DOC_ID}`
const BODY = validBody({ startedDateTime: '2026-11-28T10:00:05.5+02:00' })

async function graphErrorOf(request: Promise<unknown>): Promise<GraphError> {
  const error = await request.then(
    () => undefined,
    (thrown: unknown) => thrown
  )
  expect(error).toBeInstanceOf(GraphError)
  return error as GraphError
}

describe('@microsoft/microsoft-graph-client v3 over HTTPS, auth enforced', () => {
  let server: ListeningServer
  const stored = () => server.store.get(DEFAULT_TOKEN_TENANT, DOC_ID)

  beforeAll(async () => {
    server = await startListeningServer({ auth: 'enforce', tls: true })
  })
  afterAll(async () => server.close())

  // The rejections run first and each checks the record did not change; the successful PATCH runs last.
  it('maps a 400 for an invalid enum member to GraphError', async () => {
    const before = await stored()
    const error = await graphErrorOf(
      graphClient(server, mintToken())
        .api(API_PATH)
        .patch({ ...BODY, processingStatus: 'Completed' })
    )
    expect(error.statusCode).toBe(400)
    expect(error.code).toBe('BadRequest')
    expect(error.message).toBe(
      "Cannot convert the literal 'Completed' to the expected type " +
        "'microsoft.graph.identityGovernance.lifecycleWorkflowProcessingStatus'."
    )
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(error.date).toBeInstanceOf(Date)
    expect(Number.isNaN(error.date.getTime())).toBe(false)
    expect(await stored()).toEqual(before)
  })

  it('maps a 401 for an expired token to GraphError', async () => {
    const before = await stored()
    const error = await graphErrorOf(
      graphClient(server, mintToken({ expired: true }))
        .api(API_PATH)
        .patch(BODY)
    )
    expect(error.statusCode).toBe(401)
    expect(error.code).toBe('InvalidAuthenticationToken')
    expect(error.message).toBe('Access token has expired or is not yet valid.')
    expect(await stored()).toEqual(before)
  })

  it('maps a 403 for a token without the write permission to GraphError', async () => {
    const before = await stored()
    const reader = mintToken({ scopes: ['LifecycleWorkflows.Read.All'] })
    const error = await graphErrorOf(graphClient(server, reader).api(API_PATH).patch(BODY))
    expect(error.statusCode).toBe(403)
    expect(error.code).toBe('Forbidden')
    expect(error.message).toContain('LifecycleWorkflows.ReadWrite.All')
    expect(await stored()).toEqual(before)
  })

  it('maps a 404 for an unknown id to GraphError', async () => {
    const error = await graphErrorOf(
      graphClient(server, mintToken()).api('/workflowBase/userProcessingResults/no-such-id').patch(BODY)
    )
    expect(error.statusCode).toBe(404)
    expect(error.code).toBe('ResourceNotFound')
    expect(error.message).toBe(
      "Resource 'no-such-id' does not exist or one of its queried reference-property objects are not present."
    )
    expect(await server.store.get(DEFAULT_TOKEN_TENANT, 'no-such-id')).toBeUndefined()
  })

  it('sends no token to a host missing from customHosts, and the 401 says why', async () => {
    const before = await stored()
    const error = await graphErrorOf(graphClient(server, mintToken(), new Set()).api(API_PATH).patch(BODY))
    expect(error.statusCode).toBe(401)
    expect(error.message).toBe('Access token is empty.')
    expect(error.headers?.get('x-mock-hint')).toBe(MISSING_TOKEN_HINT)
    expect(await stored()).toEqual(before)
  })

  it('PATCHes the seed path and reads the change back with GET', async () => {
    const client = graphClient(server, mintToken())
    const updated = await client.api(API_PATH).patch(BODY)
    const expected = {
      '@odata.type': '#microsoft.graph.identityGovernance.userProcessingResult',
      id: DOC_ID,
      ...BODY,
      startedDateTime: '2026-11-28T08:00:05.5Z',
      subject: { id: 'ea09ac2e-77e3-4134-85f2-25ccf3c33387' }
    }
    expect(updated).toEqual(expected)
    expect(await client.api(API_PATH).get()).toEqual(expected)
  })
})

describe('@microsoft/microsoft-graph-client v3 over plain HTTP, AUTH=off', () => {
  let server: ListeningServer

  beforeAll(async () => {
    server = await startListeningServer({ auth: 'off', tls: false })
  })
  afterAll(async () => server.close())

  it('PATCHes and GETs without a token, since the client drops it for http anyway', async () => {
    const client = Client.init({
      baseUrl: server.origin,
      defaultVersion: 'beta',
      authProvider: (done) => done(null, 'unused')
    })
    const updated = await client.api(API_PATH).patch({ ...BODY, workflowVersion: 7 })
    expect(updated.workflowVersion).toBe(7)
    expect((await client.api(API_PATH).get()).workflowVersion).toBe(7)
    expect((await server.store.get(NO_AUTH_TENANT, DOC_ID))?.workflowVersion).toBe(7)
  })

  it('still maps a 400 to GraphError', async () => {
    const client = Client.init({
      baseUrl: server.origin,
      defaultVersion: 'beta',
      authProvider: (done) => done(null, '')
    })
    const before = await server.store.get(NO_AUTH_TENANT, DOC_ID)
    const error = await graphErrorOf(client.api(API_PATH).patch({ ...BODY, failedTasksCount: '1' }))
    expect(error.statusCode).toBe(400)
    expect(error.code).toBe('BadRequest')
    expect(await server.store.get(NO_AUTH_TENANT, DOC_ID)).toEqual(before)
  })
})

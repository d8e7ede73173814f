import { HttpMethod, RequestInformation } from '@microsoft/kiota-abstractions'
import {
  BatchRequestContent,
  type BatchRequestStep,
  type BatchResponseBody,
  BatchResponseContent
} from '@microsoft/microsoft-graph-client'
import { serializeUserProcessingResult } from '@microsoft/msgraph-beta-sdk/models/identityGovernance/index.js'
import { createODataErrorFromDiscriminatorValue } from '@microsoft/msgraph-beta-sdk/models/oDataErrors/index.js'
import { BatchRequestContent as CoreBatchRequestContent } from '@microsoft/msgraph-sdk-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JournalEntry } from '../../src/model/control/journal-entry.js'
import { DEFAULT_TOKEN_TENANT, mintToken } from '../../src/model/token.js'
import { graphClient } from '../helpers/graph-client.js'
import { DOC_ID, READ, validBody } from '../helpers/graph-server.js'
import { kiotaAdapter, staticToken } from '../helpers/kiota.js'
import { type ListeningServer, startListeningServer } from '../helpers/listening-server.js'
import { RUN, WORKFLOW } from '../helpers/workflows.js'

const SEED = `/workflowBase/userProcessingResults/${DOC_ID}`
const WORKFLOW_RESULTS = `/identityGovernance/lifecycleWorkflows/workflows/${WORKFLOW}/userProcessingResults`
const RUN_RESULTS = `/identityGovernance/lifecycleWorkflows/workflows/${WORKFLOW}/runs/${RUN}/userProcessingResults`

/**
 * A v3 batch step. In Node, `Request` wants an absolute URL and v3.0.7 strips only scheme and host from it, so
 * the URL is the origin plus the path under the version: the inner url becomes `/workflowBase/…` as Graph
 * wants (with `/beta` in it, Graph and the mock answer "Resource not found for the segment 'beta'").
 */
function step(
  server: ListeningServer,
  id: string,
  path: string,
  init: RequestInit = {},
  dependsOn?: string[]
) {
  const request = new Request(`${server.origin}${path}`, init)
  return { id, request, ...(dependsOn === undefined ? {} : { dependsOn }) } satisfies BatchRequestStep
}

function patchInit(body: unknown): RequestInit {
  return { method: 'PATCH', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }
}

/** Sends a v3 batch with the v3 client and reads the answer with its BatchResponseContent. */
async function sendV3(server: ListeningServer, token: string, steps: BatchRequestStep[]) {
  const content = await new BatchRequestContent(steps).getContent()
  const answer: BatchResponseBody = await graphClient(server, token).api('/$batch').post(content)
  return new BatchResponseContent(answer)
}

async function batchJournal(server: ListeningServer): Promise<JournalEntry[]> {
  const response = await fetch(`${server.origin}/_mock/requests`, {
    dispatcher: server.dispatcher
  } as RequestInit)
  return response.json()
}

describe('@microsoft/microsoft-graph-client v3 BatchRequestContent / BatchResponseContent over HTTPS, auth on', () => {
  let server: ListeningServer
  beforeAll(async () => {
    server = await startListeningServer({ auth: 'enforce', tls: true })
  })
  afterAll(async () => server.close())

  it('batches GETs; getResponseById gives Fetch Responses with JSON and the $count text', async () => {
    const token = mintToken({ scopes: ['LifecycleWorkflows-Reports.Read.All', READ] })
    const answer = await sendV3(server, token, [
      step(server, 'seed', SEED),
      step(server, 'page', `${WORKFLOW_RESULTS}?$top=2&$select=id`),
      step(server, 'count', `${RUN_RESULTS}/$count`),
      step(server, 'missing', '/workflowBase/userProcessingResults/no-such-id')
    ])
    const seed = answer.getResponseById('seed')
    expect(seed.status).toBe(200)
    expect(seed.headers.get('content-type')).toMatch(/^application\/json;odata.metadata=minimal/)
    expect(await seed.json()).toMatchObject({ id: DOC_ID, workflowVersion: 1 })
    const page = await answer.getResponseById('page').json()
    expect(page.value).toHaveLength(2)
    // Graph's context URL for the same request alone: this HTTPS origin, not the http of an internal call.
    expect(page['@odata.context']).toBe(
      `${server.origin}/beta/$metadata#identityGovernance/lifecycleWorkflows/workflows('${WORKFLOW}')/userProcessingResults(id)`
    )
    expect(page['@odata.nextLink']).toMatch(new RegExp(`^${server.origin}/beta${WORKFLOW_RESULTS}\\?`))
    expect(await answer.getResponseById('count').text()).toMatch(/^\d+$/)
    const missing = answer.getResponseById('missing')
    expect(missing.status).toBe(404)
    expect((await missing.json()).error.code).toBe('ResourceNotFound')
    expect([...answer.getResponses().keys()]).toEqual(['seed', 'page', 'count', 'missing'])
  })

  it('PATCHes, then reads the change back through dependsOn, one journal entry per request', async () => {
    const body = validBody({ workflowVersion: 11 })
    const answer = await sendV3(server, mintToken(), [
      step(server, 'write', SEED, patchInit(body)),
      step(server, 'read', SEED, {}, ['write'])
    ])
    expect(answer.getResponseById('write').status).toBe(200)
    const read = await answer.getResponseById('read').json()
    expect(read).toMatchObject({ id: DOC_ID, workflowVersion: 11, failedTasksCount: 1 })
    expect((await server.store.get(DEFAULT_TOKEN_TENANT, DOC_ID))?.workflowVersion).toBe(11)
    const entries = (await batchJournal(server)).slice(-3)
    const batchId = entries[2]?.['request-id']
    expect(entries.map((entry) => [entry.method, entry.status, entry.batch])).toEqual([
      ['PATCH', 200, { requestId: batchId, id: 'write' }],
      ['GET', 200, { requestId: batchId, id: 'read' }],
      ['POST', 200, null]
    ])
  })
})

describe('v3 batch with a rate limit: one request throttled, one without permission', () => {
  let server: ListeningServer
  beforeAll(async () => {
    server = await startListeningServer({
      auth: 'enforce',
      tls: true,
      config: { rateLimit: { limit: 2, windowMs: 3_600_000 } }
    })
  })
  afterAll(async () => server.close())

  it('answers 429 with its own Retry-After and 403 for the write, runs the others, changes nothing', async () => {
    const before = await server.store.get(DEFAULT_TOKEN_TENANT, DOC_ID)
    const answer = await sendV3(server, mintToken({ scopes: [READ] }), [
      step(server, 'write', SEED, patchInit(validBody())),
      step(server, 'first', SEED),
      step(server, 'second', SEED),
      step(server, 'third', SEED)
    ])
    const statuses = [...answer.getResponses()].map(([id, response]) => [id, response.status])
    expect(statuses).toEqual([
      ['write', 403],
      ['first', 200],
      ['second', 200],
      ['third', 429]
    ])
    const throttled = answer.getResponseById('third')
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await throttled.json()).error.code).toBe('TooManyRequests')
    const denied = await answer.getResponseById('write').json()
    expect(denied.error.message).toContain('LifecycleWorkflows.ReadWrite.All')
    expect(await server.store.get(DEFAULT_TOKEN_TENANT, DOC_ID)).toEqual(before)
  })
})

describe('@microsoft/msgraph-sdk-core 1.0.0-preview.17 BatchRequestContent over HTTPS, auth on', () => {
  let server: ListeningServer
  const errorMappings = { XXX: createODataErrorFromDiscriminatorValue }
  const getOf = (urlTemplate: string) => {
    const request = new RequestInformation(HttpMethod.GET, `{+baseurl}${urlTemplate}`)
    request.headers.tryAdd('Accept', 'application/json')
    return request
  }

  beforeAll(async () => {
    server = await startListeningServer({ auth: 'enforce', tls: true })
  })
  afterAll(async () => server.close())

  it('batches GETs; its reader gives each status by id', async () => {
    const adapter = kiotaAdapter(server, staticToken(mintToken()))
    const batch = new CoreBatchRequestContent(adapter, errorMappings)
    batch.addBatchRequest(getOf(SEED), 'seed')
    batch.addBatchRequest(getOf(WORKFLOW_RESULTS), 'list')
    batch.addBatchRequest(getOf('/workflowBase/userProcessingResults/no-such-id'), 'missing')
    const answer = await batch.postAsync()
    expect(Object.fromEntries(await (answer?.getResponsesStatusCodes() ?? new Map()))).toEqual({
      seed: 200,
      list: 200,
      missing: 404
    })
    expect(answer?.getResponseById('seed')).toMatchObject({ id: 'seed', status: 200 })
  })

  it('cannot carry a PATCH: it drops the Content-Type, and the batch is refused as Graph refuses it', async () => {
    const adapter = kiotaAdapter(server, staticToken(mintToken()))
    const before = await server.store.get(DEFAULT_TOKEN_TENANT, DOC_ID)
    const patch = new RequestInformation(HttpMethod.PATCH, `{+baseurl}${SEED}`)
    patch.setContentFromParsable(
      adapter,
      'application/json',
      { workflowVersion: 3 },
      serializeUserProcessingResult
    )
    const batch = new CoreBatchRequestContent(adapter, errorMappings)
    batch.addBatchRequest(patch, 'write')
    const error = await batch.postAsync().then(
      () => undefined,
      (thrown: unknown) => thrown
    )
    expect(error).toMatchObject({
      responseStatusCode: 400,
      message: 'Write request id : write does not contain Content-Type header or body.'
    })
    expect(await server.store.get(DEFAULT_TOKEN_TENANT, DOC_ID)).toEqual(before)
  })
})

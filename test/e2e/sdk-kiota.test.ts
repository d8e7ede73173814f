import {
  AnonymousAuthenticationProvider,
  HttpMethod,
  RequestInformation
} from '@microsoft/kiota-abstractions'
import type { FetchRequestAdapter } from '@microsoft/kiota-http-fetchlibrary'
import {
  createUserProcessingResultFromDiscriminatorValue,
  LifecycleWorkflowProcessingStatusObject,
  serializeUserProcessingResult,
  type UserProcessingResult,
  WorkflowExecutionTypeObject
} from '@microsoft/msgraph-beta-sdk/models/identityGovernance/index.js'
import {
  createODataErrorFromDiscriminatorValue,
  type ODataError
} from '@microsoft/msgraph-beta-sdk/models/oDataErrors/index.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_TOKEN_TENANT, mintToken } from '../../src/model/token.js'
import { DEFAULT_TENANT as NO_AUTH_TENANT } from '../../src/store/result-store.js'
import { DOC_ID } from '../helpers/graph-server.js'
import { kiotaAdapter, staticToken } from '../helpers/kiota.js'
import { type ListeningServer, startListeningServer } from '../helpers/listening-server.js'

const errorMapping = { XXX: createODataErrorFromDiscriminatorValue }

/** The msgraph-beta-sdk has the models but no PATCH builder, so the request is built by hand. */
function patchRequest(adapter: FetchRequestAdapter, id: string, body: Partial<UserProcessingResult>) {
  const request = new RequestInformation(
    HttpMethod.PATCH,
    '{+baseurl}/workflowBase/userProcessingResults/{id}'
  )
  request.pathParameters.id = id
  request.headers.tryAdd('Accept', 'application/json')
  request.setContentFromParsable(adapter, 'application/json', body, serializeUserProcessingResult)
  return adapter.send<UserProcessingResult>(
    request,
    createUserProcessingResultFromDiscriminatorValue,
    errorMapping
  )
}

function getRequest(adapter: FetchRequestAdapter, id: string) {
  const request = new RequestInformation(HttpMethod.GET, '{+baseurl}/workflowBase/userProcessingResults/{id}')
  request.pathParameters.id = id
  request.headers.tryAdd('Accept', 'application/json')
  return adapter.send<UserProcessingResult>(
    request,
    createUserProcessingResultFromDiscriminatorValue,
    errorMapping
  )
}

/** A typed model, as application code would fill it; Kiota writes Dates with toISOString(). */
const MODEL_PATCH: Partial<UserProcessingResult> = {
  completedDateTime: new Date('2026-11-28T09:35:00.123Z'),
  failedTasksCount: 0,
  processingStatus: LifecycleWorkflowProcessingStatusObject.Completed,
  scheduledDateTime: new Date('2026-11-28T09:30:00Z'),
  startedDateTime: null,
  totalTasksCount: 4,
  totalUnprocessedTasksCount: 0,
  workflowExecutionType: WorkflowExecutionTypeObject.OnDemand,
  workflowVersion: 3
}

async function oDataErrorOf(request: Promise<unknown>): Promise<ODataError> {
  const error = await request.then(
    () => undefined,
    (thrown: unknown) => thrown
  )
  // Kiota throws the deserialised ODataError model itself (not an Error subclass).
  expect(error).toHaveProperty('errorEscaped')
  expect(error).toHaveProperty('responseStatusCode')
  return error as ODataError
}

function expectModelApplied(result: UserProcessingResult | undefined) {
  expect(result?.id).toBe(DOC_ID)
  expect(result?.completedDateTime).toEqual(new Date('2026-11-28T09:35:00.123Z'))
  expect(result?.scheduledDateTime).toEqual(new Date('2026-11-28T09:30:00Z'))
  // Sent as null, answered as null, read by Kiota as "no value".
  expect(result?.startedDateTime).toBeUndefined()
  expect(result?.processingStatus).toBe(LifecycleWorkflowProcessingStatusObject.Completed)
  expect(result?.workflowExecutionType).toBe(WorkflowExecutionTypeObject.OnDemand)
  expect(result?.totalTasksCount).toBe(4)
  expect(result?.workflowVersion).toBe(3)
  expect(result?.odataType).toBe('#microsoft.graph.identityGovernance.userProcessingResult')
  expect(result?.subject?.id).toBe('ea09ac2e-77e3-4134-85f2-25ccf3c33387')
}

describe('Kiota FetchRequestAdapter with the beta models over HTTPS, auth enforced', () => {
  let server: ListeningServer
  let adapter: FetchRequestAdapter
  const stored = () => server.store.get(DEFAULT_TOKEN_TENANT, DOC_ID)

  beforeAll(async () => {
    server = await startListeningServer({ auth: 'enforce', tls: true })
    adapter = kiotaAdapter(server, staticToken(mintToken()))
  })
  afterAll(async () => server.close())

  it('reads a seed record into the model with Date values and enums', async () => {
    const result = await getRequest(adapter, DOC_ID)
    expect(result?.completedDateTime).toEqual(new Date('2022-08-24T23:28:11.134Z'))
    expect(result?.processingStatus).toBe(LifecycleWorkflowProcessingStatusObject.Completed)
    expect(result?.workflowExecutionType).toBe(WorkflowExecutionTypeObject.OnDemand)
  })

  it('throws ODataError with the Graph code and details on a 400, and changes nothing', async () => {
    const before = await stored()
    // `canceling` is in the SDK's enum but, like Graph, the mock wants `Prefer: include-unknown-enum-members`.
    const error = await oDataErrorOf(
      patchRequest(adapter, DOC_ID, {
        ...MODEL_PATCH,
        processingStatus: LifecycleWorkflowProcessingStatusObject.Canceling
      })
    )
    expect(error.responseStatusCode).toBe(400)
    expect(error.errorEscaped?.code).toBe('BadRequest')
    expect(error.message).toContain("'Prefer: include-unknown-enum-members'")
    expect(error.errorEscaped?.details?.[0]?.target).toBe('processingStatus')
    expect(error.errorEscaped?.innerError?.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(await stored()).toEqual(before)
  })

  it('throws ODataError on a 401 when the token is not accepted', async () => {
    const before = await stored()
    const expired = kiotaAdapter(server, staticToken(mintToken({ expired: true })))
    const error = await oDataErrorOf(patchRequest(expired, DOC_ID, MODEL_PATCH))
    expect(error.responseStatusCode).toBe(401)
    expect(error.errorEscaped?.code).toBe('InvalidAuthenticationToken')
    expect(await stored()).toEqual(before)
  })

  it('takes back a model read by GET (id and @odata.type included) once its read-only subject is dropped', async () => {
    const read = await getRequest(adapter, DOC_ID)
    const before = await stored()
    const error = await oDataErrorOf(patchRequest(adapter, DOC_ID, { ...read, workflowVersion: 9 }))
    expect(error.responseStatusCode).toBe(400)
    expect(error.errorEscaped?.details?.map((detail) => detail.target)).toEqual(['subject'])
    expect(await stored()).toEqual(before)

    const { subject: _readOnly, ...writable } = read ?? {}
    expect(writable).toMatchObject({ id: DOC_ID, odataType: expect.any(String) })
    const updated = await patchRequest(adapter, DOC_ID, { ...writable, workflowVersion: 9 })
    expect(updated?.workflowVersion).toBe(9)
  })

  it('PATCHes a model serialised by serializeUserProcessingResult and reads it back', async () => {
    expectModelApplied(await patchRequest(adapter, DOC_ID, MODEL_PATCH))
    expectModelApplied(await getRequest(adapter, DOC_ID))
    expect(await stored()).toMatchObject({
      completedDateTime: '2026-11-28T09:35:00.123Z',
      startedDateTime: null
    })
  })
})

describe('Kiota over plain HTTP, AUTH=off', () => {
  let server: ListeningServer
  let adapter: FetchRequestAdapter

  beforeAll(async () => {
    server = await startListeningServer({ auth: 'off', tls: false })
    adapter = kiotaAdapter(server, new AnonymousAuthenticationProvider())
  })
  afterAll(async () => server.close())

  it('PATCHes and GETs with no token at all', async () => {
    expectModelApplied(await patchRequest(adapter, DOC_ID, MODEL_PATCH))
    expectModelApplied(await getRequest(adapter, DOC_ID))
    expect((await server.store.get(NO_AUTH_TENANT, DOC_ID))?.workflowVersion).toBe(3)
  })

  it('throws ODataError on a 404', async () => {
    const error = await oDataErrorOf(getRequest(adapter, 'no-such-id'))
    expect(error.responseStatusCode).toBe(404)
    expect(error.errorEscaped?.code).toBe('ResourceNotFound')
  })
})

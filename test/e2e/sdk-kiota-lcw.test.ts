import {
  HttpMethod,
  type Parsable,
  type ParsableFactory,
  RequestInformation,
  type SerializationWriter
} from '@microsoft/kiota-abstractions'
import type { FetchRequestAdapter } from '@microsoft/kiota-http-fetchlibrary'
import {
  type CustomTaskExtensionCallbackData,
  CustomTaskExtensionOperationStatusObject,
  createRunCollectionResponseFromDiscriminatorValue,
  createRunFromDiscriminatorValue,
  createRunSummaryFromDiscriminatorValue,
  createTaskProcessingResultCollectionResponseFromDiscriminatorValue,
  createTaskProcessingResultFromDiscriminatorValue,
  createUserProcessingResultCollectionResponseFromDiscriminatorValue,
  createUserProcessingResultFromDiscriminatorValue,
  createWorkflowCollectionResponseFromDiscriminatorValue,
  createWorkflowFromDiscriminatorValue,
  LifecycleWorkflowProcessingStatusObject,
  type Run,
  type RunCollectionResponse,
  type RunSummary,
  serializeCustomTaskExtensionCallbackData,
  type TaskProcessingResult,
  type TaskProcessingResultCollectionResponse,
  type UserProcessingResult,
  type UserProcessingResultCollectionResponse,
  type Workflow,
  type WorkflowCollectionResponse
} from '@microsoft/msgraph-beta-sdk/models/identityGovernance/index.js'
import { createUserFromDiscriminatorValue, type User } from '@microsoft/msgraph-beta-sdk/models/index.js'
import {
  createODataErrorFromDiscriminatorValue,
  type ODataError
} from '@microsoft/msgraph-beta-sdk/models/oDataErrors/index.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mintToken } from '../../src/model/token.js'
import { kiotaAdapter, staticToken } from '../helpers/kiota.js'
import { WORLD } from '../helpers/lcw.js'
import { type ListeningServer, startListeningServer } from '../helpers/listening-server.js'

// The URI templates of the Kiota beta SDK's request builders (packages/msgraph-beta-sdk-identityGovernance),
// which cannot be installed from npm: the models can, and RequestInformation sends what the builders would.
const LCW = '{+baseurl}/identityGovernance/lifecycleWorkflows'
const COLLECTION_OPTIONS = '{?%24count,%24expand,%24filter,%24orderby,%24search,%24select,%24skip,%24top}'
const ITEM_OPTIONS = '{?%24expand,%24select}'
const WORKFLOW = `${LCW}/workflows/{workflow%2Did}`
const RESULT = `${WORKFLOW}/userProcessingResults/{userProcessingResult%2Did}`
const TEMPLATES = {
  workflows: `${LCW}/workflows${COLLECTION_OPTIONS}`,
  workflow: `${WORKFLOW}${ITEM_OPTIONS}`,
  runs: `${WORKFLOW}/runs${COLLECTION_OPTIONS}`,
  run: `${WORKFLOW}/runs/{run%2Did}${ITEM_OPTIONS}`,
  runSummary: `${WORKFLOW}/runs/microsoft.graph.identityGovernance.summary(startDateTime={startDateTime},endDateTime={endDateTime})`,
  runResults: `${WORKFLOW}/runs/{run%2Did}/userProcessingResults${COLLECTION_OPTIONS}`,
  result: `${RESULT}${ITEM_OPTIONS}`,
  taskResults: `${RESULT}/taskProcessingResults${COLLECTION_OPTIONS}`,
  taskResult: `${RESULT}/taskProcessingResults/{taskProcessingResult%2Did}${ITEM_OPTIONS}`,
  subject: `${RESULT}/subject${ITEM_OPTIONS}`,
  resume: `${RESULT}/taskProcessingResults/{taskProcessingResult%2Did}/microsoft.graph.identityGovernance.resume`
}
const errorMapping = { XXX: createODataErrorFromDiscriminatorValue }

/** A GET as a request builder makes it; query options by name (`filter`), sent as the SDK maps them (`$filter`). */
function request(template: string, parameters: Record<string, unknown>, query: Record<string, unknown> = {}) {
  const info = new RequestInformation(HttpMethod.GET, template)
  Object.assign(info.pathParameters, parameters)
  for (const [name, value] of Object.entries(query)) info.queryParameters[`%24${name}`] = value as string
  info.headers.tryAdd('Accept', 'application/json')
  return info
}

/** The body of resume as the SDK's ResumePostRequestBody serializer writes it: data, source, type. */
interface ResumeBody extends Parsable {
  data: CustomTaskExtensionCallbackData
  source: string
  type: string
}
function serializeResumeBody(writer: SerializationWriter, body: Partial<ResumeBody> | null | undefined) {
  writer.writeObjectValue('data', body?.data, serializeCustomTaskExtensionCallbackData)
  writer.writeStringValue('source', body?.source)
  writer.writeStringValue('type', body?.type)
}

/** What Kiota could not map to a model property: everything but OData annotations must be known. */
function unknownProperties(model: unknown, path = ''): string[] {
  if (typeof model !== 'object' || model === null) return []
  return Object.entries(model).flatMap(([name, value]) => {
    if (name === 'additionalData') {
      return Object.keys(value as object)
        .filter((key) => !key.includes('@odata.'))
        .map((key) => `${path}${key}`)
    }
    if (Array.isArray(value))
      return value.flatMap((item, index) => unknownProperties(item, `${path}${name}[${index}].`))
    return value instanceof Date ? [] : unknownProperties(value, `${path}${name}.`)
  })
}

/** The non-nullable properties of each type (Graph's metadata), which every served entity must carry. */
const REQUIRED: Record<string, string[]> = {
  workflow: ['id', 'category', 'displayName', 'isEnabled', 'isSchedulingEnabled'],
  run: [
    'id',
    'failedTasksCount',
    'failedUsersCount',
    'processingStatus',
    'scheduledDateTime',
    'successfulUsersCount',
    'totalTasksCount',
    'totalUnprocessedTasksCount',
    'totalUsersCount',
    'workflowExecutionType'
  ],
  result: [
    'id',
    'failedTasksCount',
    'processingStatus',
    'scheduledDateTime',
    'subject',
    'totalTasksCount',
    'totalUnprocessedTasksCount',
    'workflowExecutionType',
    'workflowVersion'
  ],
  taskResult: ['id', 'createdDateTime', 'processingStatus', 'subject', 'task'],
  task: [
    'id',
    'arguments',
    'category',
    'continueOnError',
    'displayName',
    'executionSequence',
    'isEnabled',
    'taskDefinitionId'
  ],
  summary: ['failedRuns', 'failedTasks', 'successfulRuns', 'totalRuns', 'totalTasks', 'totalUsers'],
  user: ['id']
}

function expectComplete(model: object | undefined, type: keyof typeof REQUIRED) {
  expect(model).toBeDefined()
  expect(unknownProperties(model)).toEqual([])
  for (const name of REQUIRED[type] ?? []) expect(model, `${type}.${name}`).toHaveProperty(name)
}

describe('the Kiota beta models walk workflow → runs → results → task results → resume, over HTTPS with auth', () => {
  let server: ListeningServer
  let adapter: FetchRequestAdapter
  const ids = { 'workflow%2Did': WORLD.offboarding, 'run%2Did': WORLD.offboardingRun }

  beforeAll(async () => {
    server = await startListeningServer({ auth: 'enforce', tls: true })
    adapter = kiotaAdapter(server, staticToken(mintToken({ scopes: ['LifecycleWorkflows.ReadWrite.All'] })))
  })
  afterAll(async () => server.close())

  const send = <T extends Parsable>(info: RequestInformation, factory: ParsableFactory<T>) =>
    adapter.send<T>(info, factory, errorMapping)

  it('walks the tree, every entity complete and known to the models, then resumes and reads the change back', async () => {
    const workflows = await send<WorkflowCollectionResponse>(
      request(TEMPLATES.workflows, {}, { filter: "category eq 'leaver'" }),
      createWorkflowCollectionResponseFromDiscriminatorValue
    )
    const workflow = workflows?.value?.[0] as Workflow
    expectComplete(workflow, 'workflow')
    expect(workflow.id).toBe(WORLD.offboarding)

    const full = await send<Workflow>(request(TEMPLATES.workflow, ids), createWorkflowFromDiscriminatorValue)
    expectComplete(full, 'workflow')
    for (const task of full?.tasks ?? []) expectComplete(task, 'task')
    expect(full?.executionConditions?.odataType).toBe(
      '#microsoft.graph.identityGovernance.triggerAndScopeBasedConditions'
    )

    const runs = await send<RunCollectionResponse>(
      request(TEMPLATES.runs, ids),
      createRunCollectionResponseFromDiscriminatorValue
    )
    for (const run of runs?.value ?? []) expectComplete(run, 'run')
    const results = await send<UserProcessingResultCollectionResponse>(
      request(TEMPLATES.runResults, ids, { expand: ['taskProcessingResults'] }),
      createUserProcessingResultCollectionResponseFromDiscriminatorValue
    )
    for (const result of results?.value ?? []) {
      expectComplete(result, 'result')
      for (const taskResult of result.taskProcessingResults ?? []) expectComplete(taskResult, 'taskResult')
    }
    const waiting = { ...ids, 'userProcessingResult%2Did': WORLD.waiting }
    const taskResults = await send<TaskProcessingResultCollectionResponse>(
      request(TEMPLATES.taskResults, waiting),
      createTaskProcessingResultCollectionResponseFromDiscriminatorValue
    )
    const pending = taskResults?.value?.find(
      (taskResult) => taskResult.processingStatus === LifecycleWorkflowProcessingStatusObject.InProgress
    )
    expectComplete(pending, 'taskResult')
    expect(pending?.task?.taskDefinitionId).toBe('4262b724-8dba-4fad-afc3-43fcbb497a0e')
    const subject = await send<User>(request(TEMPLATES.subject, waiting), createUserFromDiscriminatorValue)
    expectComplete(subject, 'user')
    expect(subject?.displayName).toBe('Megan Bowen')

    const resume = new RequestInformation(HttpMethod.POST, TEMPLATES.resume)
    Object.assign(resume.pathParameters, { ...waiting, 'taskProcessingResult%2Did': pending?.id })
    resume.setContentFromParsable(
      adapter,
      'application/json',
      {
        data: { operationStatus: CustomTaskExtensionOperationStatusObject.Completed },
        source: 'sample',
        type: 'lifecycleEvent'
      } as ResumeBody,
      serializeResumeBody
    )
    await adapter.sendNoResponseContent(resume, errorMapping)

    const done = await send<TaskProcessingResult>(
      request(TEMPLATES.taskResult, { ...waiting, 'taskProcessingResult%2Did': pending?.id }),
      createTaskProcessingResultFromDiscriminatorValue
    )
    expect(done?.processingStatus).toBe(LifecycleWorkflowProcessingStatusObject.Completed)
    const result = await send<UserProcessingResult>(
      request(TEMPLATES.result, waiting),
      createUserProcessingResultFromDiscriminatorValue
    )
    expect(result).toMatchObject({ processingStatus: 'completed', totalUnprocessedTasksCount: 0 })
    const run = await send<Run>(request(TEMPLATES.run, ids), createRunFromDiscriminatorValue)
    expectComplete(run, 'run')
    expect(run).toMatchObject({ successfulUsersCount: 1, totalUnprocessedTasksCount: 1 })
    const summary = await send<RunSummary>(
      request(TEMPLATES.runSummary, {
        ...ids,
        startDateTime: new Date('2026-11-01T00:00:00Z'),
        endDateTime: new Date('2026-12-01T00:00:00Z')
      }),
      createRunSummaryFromDiscriminatorValue
    )
    expectComplete(summary, 'summary')
    expect(summary).toMatchObject({ totalRuns: 2, successfulRuns: 1, totalUsers: 3 })

    const again = await adapter.sendNoResponseContent(resume, errorMapping).then(
      () => undefined,
      (error: unknown) => error as ODataError
    )
    expect(again?.responseStatusCode).toBe(400)
    expect(again?.errorEscaped?.message).toContain('cannot be resumed: it is completed')
  })
})

describe('the same walk on /v1.0 with plain fetch', () => {
  let server: ListeningServer
  beforeAll(async () => {
    server = await startListeningServer({ auth: 'enforce', tls: true })
  })
  afterAll(async () => server.close())

  it('finds the workflow, its run, the waiting task result, resumes it and reads the counts back', async () => {
    const headers = { authorization: `Bearer ${mintToken()}` }
    const get = async (path: string) => {
      const response = await fetch(`${server.origin}/v1.0/identityGovernance/lifecycleWorkflows${path}`, {
        headers,
        dispatcher: server.dispatcher
      } as RequestInit)
      expect(response.status).toBe(200)
      const json = (await response.json()) as Record<string, unknown> & { value: Record<string, string>[] }
      expect(String(json['@odata.context'])).toContain(`${server.origin}/v1.0/$metadata#`)
      return json
    }
    const [workflow] = (await get("/workflows?$filter=category eq 'leaver'&$select=id,displayName")).value
    const [run] = (await get(`/workflows/${workflow?.id}/runs?$filter=processingStatus eq 'inProgress'`))
      .value
    const [result] = (await get(`/workflows/${workflow?.id}/runs/${run?.id}/userProcessingResults?$top=1`))
      .value
    const taskResults = `/workflows/${workflow?.id}/runs/${run?.id}/userProcessingResults/${result?.id}/taskProcessingResults`
    const [waiting] = (await get(`${taskResults}?$filter=completedDateTime eq null`)).value
    const resumed = await fetch(
      `${server.origin}/v1.0/identityGovernance/lifecycleWorkflows${taskResults}/${waiting?.id}/resume`,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          data: { operationStatus: 'Completed' },
          source: 'sample',
          type: 'lifecycleEvent'
        }),
        dispatcher: server.dispatcher
      } as RequestInit
    )
    expect(resumed.status).toBe(204)
    expect(await get(`/workflows/${workflow?.id}/userProcessingResults/${result?.id}`)).toMatchObject({
      processingStatus: 'completed',
      totalUnprocessedTasksCount: 0
    })
    expect(await get(`/workflows/${workflow?.id}/runs/${run?.id}`)).toMatchObject({ successfulUsersCount: 1 })
  })
})

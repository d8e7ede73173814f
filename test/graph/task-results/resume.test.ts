import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_TOKEN_TENANT } from '../../../src/model/token.js'
import type { LifecycleStore } from '../../../src/store/lifecycle-store.js'
import { errorOf } from '../../helpers/graph-server.js'
import { body, buildLcwApp, call, lcw, resumeBody, WORLD } from '../../helpers/lcw.js'

const OFFBOARDING = `/workflows/${WORLD.offboarding}`
const RUN = `${OFFBOARDING}/runs/${WORLD.offboardingRun}`
const waitingTaskResult = (parent = OFFBOARDING) =>
  `${parent}/userProcessingResults/${WORLD.waiting}/taskProcessingResults/${WORLD.waitingTask}`
const resumeUrl = (taskResult = waitingTaskResult(), name = 'microsoft.graph.identityGovernance.resume') =>
  `${lcw()}${taskResult}/${name}`
const SUMMARY = 'summary(startDateTime=2026-11-01T00:00:00Z,endDateTime=2026-12-01T00:00:00Z)'

let app: FastifyInstance
let store: LifecycleStore
beforeEach(async () => {
  ;({ app, store } = await buildLcwApp())
})
afterEach(async () => {
  await app.close()
})

function resume(url: string, payload: unknown, scopes?: readonly string[]) {
  return call(app, url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    ...(scopes === undefined ? {} : { scopes })
  })
}

async function read(path: string) {
  return body(await call(app, `${lcw()}${path}`, { scopes: ['LifecycleWorkflows-Reports.Read.All'] }))
}

/** Everything the tenant sees, to prove that a refused resume changed nothing. */
async function snapshot() {
  const world = await store.world(DEFAULT_TOKEN_TENANT)
  return { ...world, details: [...world.details] }
}

describe('resume on the bundled world', () => {
  it('takes the outcome, and the result, the run and both summaries move with it', async () => {
    const before = { run: await read(RUN), runs: await read(`${OFFBOARDING}/runs/${SUMMARY}`) }
    expect(before.run).toMatchObject({
      processingStatus: 'inProgress',
      successfulUsersCount: 0,
      totalUnprocessedTasksCount: 2
    })

    const response = await resume(resumeUrl(), resumeBody('Completed'))
    expect(response.statusCode).toBe(204)
    expect(response.body).toBe('')
    expect(response.headers['request-id']).toBeDefined()

    expect(await read(waitingTaskResult())).toMatchObject({
      processingStatus: 'completed',
      completedDateTime: expect.stringMatching(/Z$/),
      failureReason: null
    })
    expect(await read(`${OFFBOARDING}/userProcessingResults/${WORLD.waiting}`)).toMatchObject({
      processingStatus: 'completed',
      totalUnprocessedTasksCount: 0,
      failedTasksCount: 0,
      completedDateTime: expect.stringMatching(/Z$/)
    })
    expect(await read(RUN)).toMatchObject({
      processingStatus: 'inProgress',
      successfulUsersCount: 1,
      totalUnprocessedTasksCount: 1
    })
    expect(await read(`${OFFBOARDING}/runs/${SUMMARY}`)).toMatchObject({
      successfulRuns: before.runs.successfulRuns
    })
    expect(await read(`${OFFBOARDING}/userProcessingResults/${SUMMARY}`)).toMatchObject({
      successfulUsers: 2
    })

    const second = `${OFFBOARDING}/userProcessingResults/${WORLD.waiting2}/taskProcessingResults/${WORLD.waitingTask2}`
    expect((await resume(resumeUrl(second, 'resume'), resumeBody('failed'))).statusCode).toBe(204)
    expect(await read(`${OFFBOARDING}/userProcessingResults/${WORLD.waiting2}`)).toMatchObject({
      processingStatus: 'failed',
      failedTasksCount: 1
    })
    expect(await read(RUN)).toMatchObject({
      processingStatus: 'completedWithErrors',
      completedDateTime: expect.stringMatching(/Z$/),
      failedUsersCount: 1,
      failedTasksCount: 1
    })
    expect(await read(`${OFFBOARDING}/runs/${SUMMARY}`)).toMatchObject({ failedRuns: 1, failedTasks: 1 })
  })

  it.each([
    ['below a run', waitingTaskResult(RUN)],
    ['below the task', `${OFFBOARDING}/tasks/${WORLD.customTask}/taskProcessingResults/${WORLD.waitingTask}`],
    ['below the run alone', `${RUN}/taskProcessingResults/${WORLD.waitingTask}`]
  ])('is served %s too, short and namespace-qualified', async (_name, taskResult) => {
    expect((await resume(resumeUrl(taskResult, 'resume'), resumeBody('completed'))).statusCode).toBe(204)
  })

  it('is served under /v1.0, where the same world is seen', async () => {
    const url = `${lcw('v1.0')}${waitingTaskResult()}/resume`
    expect((await resume(url, resumeBody('completed'))).statusCode).toBe(204)
    expect((await store.get(DEFAULT_TOKEN_TENANT, WORLD.waiting))?.processingStatus).toBe('completed')
  })

  it('changes only the tenant of the token', async () => {
    const other = await call(app, resumeUrl(), {
      method: 'POST',
      tenant: 'another-tenant',
      headers: { 'content-type': 'application/json' },
      payload: resumeBody('completed')
    })
    expect(other.statusCode).toBe(204)
    expect((await store.get('another-tenant', WORLD.waiting))?.processingStatus).toBe('completed')
    expect((await store.get(DEFAULT_TOKEN_TENANT, WORLD.waiting))?.processingStatus).toBe('inProgress')
  })
})

describe('resume refuses, with a Graph error and no change', () => {
  const busy = `/workflows/${WORLD.workflow}/userProcessingResults/${WORLD.busyResult}/taskProcessingResults`
  it.each([
    [
      'a repeated resume',
      async () => {
        await resume(resumeUrl(), resumeBody('completed'))
        return resume(resumeUrl(), resumeBody('completed'))
      },
      400,
      'BadRequest',
      'cannot be resumed: it is completed'
    ],
    [
      'an unknown task result',
      () => resume(resumeUrl(`${busy}/no-such-task-result`), resumeBody('completed')),
      404,
      'ResourceNotFound',
      "Resource 'no-such-task-result' does not exist"
    ],
    [
      'a task result reached through a result it does not belong to',
      () =>
        resume(
          resumeUrl(
            `${OFFBOARDING}/userProcessingResults/${WORLD.waiting2}/taskProcessingResults/${WORLD.waitingTask}`
          ),
          resumeBody('completed')
        ),
      404,
      'ResourceNotFound',
      WORLD.waitingTask
    ],
    [
      'a token without LifecycleWorkflows.ReadWrite.All',
      () => resume(resumeUrl(), resumeBody('completed'), ['LifecycleWorkflows.Read.All']),
      403,
      'Forbidden',
      'One of the following permissions would allow it: LifecycleWorkflows.ReadWrite.All.'
    ],
    [
      'a body without data',
      () => resume(resumeUrl(), { source: 'sample', type: 'lifecycleEvent' }),
      400,
      'BadRequest',
      "The parameter 'data' is required"
    ],
    [
      'an operationStatus that is no member',
      () => resume(resumeUrl(), resumeBody('done')),
      400,
      'BadRequest',
      "Cannot convert the literal 'done' to the expected type 'microsoft.graph.identityGovernance.customTaskExtensionOperationStatus'."
    ],
    [
      'unknownFutureValue as the outcome',
      () => resume(resumeUrl(), resumeBody('unknownFutureValue')),
      400,
      'BadRequest',
      'is not an outcome'
    ],
    [
      'data without operationStatus',
      () => resume(resumeUrl(), { data: {} }),
      400,
      'BadRequest',
      "must have 'operationStatus'"
    ],
    [
      'an unknown parameter',
      () => resume(resumeUrl(), { ...resumeBody('completed'), extra: 1 }),
      400,
      'BadRequest',
      "The parameter 'extra' in the request payload is not a valid parameter for the operation 'resume'."
    ],
    [
      'an unknown property of data',
      () => resume(resumeUrl(), { data: { operationStatus: 'completed', reason: 'x' } }),
      400,
      'BadRequest',
      "The property 'reason' does not exist on type 'microsoft.graph.identityGovernance.customTaskExtensionCallbackData'"
    ],
    [
      'a wrong @odata.type in data',
      () =>
        resume(resumeUrl(), {
          data: { '@odata.type': '#microsoft.graph.user', operationStatus: 'completed' }
        }),
      400,
      'BadRequest',
      "A type named '#microsoft.graph.user' could not be resolved"
    ],
    [
      'a source that is not a string',
      () => resume(resumeUrl(), { ...resumeBody('completed'), source: 5 }),
      400,
      'BadRequest',
      "'5'"
    ],
    [
      'a body that is an array',
      () => resume(resumeUrl(), [resumeBody('completed')]),
      400,
      'BadRequest',
      'StartArray'
    ],
    [
      'malformed JSON',
      () => resume(resumeUrl(), '{"data":'),
      400,
      'BadRequest',
      'Unable to read JSON request payload'
    ],
    [
      'a deleted workflow reached under workflows',
      () =>
        resume(
          resumeUrl(`/workflows/${WORLD.deletedWorkflow}/userProcessingResults/x/taskProcessingResults/y`),
          resumeBody('completed')
        ),
      404,
      'ResourceNotFound',
      WORLD.deletedWorkflow
    ]
  ])('%s', async (_name, send, status, code, message) => {
    const before = await snapshot()
    const response = await send()
    expect(response.statusCode).toBe(status)
    expect(errorOf(response)).toMatchObject({ code, message: expect.stringContaining(message) })
    if (_name !== 'a repeated resume') expect(await snapshot()).toEqual(before)
  })

  it('reports every problem of a body at once', async () => {
    const response = await resume(resumeUrl(), { data: { operationStatus: 'x', y: 1 }, extra: true })
    expect(errorOf(response).details?.map((detail) => detail.target)).toEqual([
      'extra',
      'data.y',
      'data.operationStatus'
    ])
  })

  it('answers a resume of a task result that is waiting on nothing: a built-in task in progress', async () => {
    const before = await snapshot()
    const [row] =
      (await store.detailsOf(DEFAULT_TOKEN_TENANT, [WORLD.busyResult]))[0]?.taskProcessingResults.filter(
        (taskResult) => taskResult.processingStatus === 'inProgress'
      ) ?? []
    const response = await resume(resumeUrl(`${busy}/${row?.id}`), resumeBody('completed'))
    expect(response.statusCode).toBe(400)
    expect(errorOf(response).message).toContain("its task 'Add User To Teams' is not a custom task extension")
    expect(await snapshot()).toEqual(before)
  })
})

import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, validBody } from '../../helpers/graph-server.js'
import { makeRecord } from '../../helpers/odata.js'
import { buildWorkflowApp, get, runResults, workflowResults } from '../../helpers/workflows.js'

const W = 'w'
const R = 'r'
const records = [
  makeRecord('ok-1', { scheduledDateTime: '2022-07-20T00:00:00Z', totalTasksCount: 2 }),
  makeRecord('ok-2', { scheduledDateTime: '2022-07-21T12:00:00.0000001Z', totalTasksCount: 3 }),
  makeRecord('bad', {
    scheduledDateTime: '2022-07-22T00:00:00Z',
    processingStatus: 'failed',
    failedTasksCount: 2,
    totalTasksCount: 4
  }),
  makeRecord('partial', {
    scheduledDateTime: '2022-07-22T06:00:00Z',
    processingStatus: 'completedWithErrors',
    failedTasksCount: 1,
    totalTasksCount: 5
  }),
  makeRecord('waiting', {
    scheduledDateTime: '2022-07-22T07:00:00Z',
    processingStatus: 'queued',
    totalTasksCount: 1
  }),
  makeRecord('at-end', { scheduledDateTime: '2022-07-23T00:00:00Z', totalTasksCount: 100 }),
  makeRecord('before', { scheduledDateTime: '2022-07-19T23:59:59.9999999Z', totalTasksCount: 100 })
]
const CALL = 'summary(startDateTime=2022-07-20T00:00:00Z,endDateTime=2022-07-23T00:00:00Z)'
const CONTEXT = 'http://localhost:80/beta/$metadata#microsoft.graph.identityGovernance.userSummary'

let app: FastifyInstance

beforeEach(async () => {
  ;({ app } = await buildWorkflowApp({
    records,
    workflows: [{ id: W, resultIds: records.map((r) => r.id), runs: [{ id: R, resultIds: ['ok-1', 'bad'] }] }]
  }))
})

afterEach(async () => {
  await app.close()
})

describe('summary', () => {
  it('totals the results scheduled in [start, end)', async () => {
    const { status, json, response } = await get(app, `${workflowResults(W)}/${CALL}`)
    expect(status).toBe(200)
    expect(response.headers['odata-version']).toBe('4.0')
    expect(json).toEqual({
      '@odata.context': CONTEXT,
      failedTasks: 3,
      failedUsers: 2,
      successfulUsers: 2,
      totalTasks: 15,
      totalUsers: 5
    })
  })

  it.each([
    ['the namespace-qualified form', `microsoft.graph.identityGovernance.${CALL}`],
    ['percent-encoded colons, as Kiota sends them', CALL.replaceAll(':', '%3A')],
    ['percent-encoded parentheses', CALL.replace('(', '%28').replace(')', '%29')],
    [
      "Kiota's toISOString() values",
      'summary(startDateTime=2022-07-20T00%3A00%3A00.000Z,endDateTime=2022-07-23T00%3A00%3A00.000Z)'
    ],
    [
      'parameters in the other order',
      'summary(endDateTime=2022-07-23T00:00:00Z,startDateTime=2022-07-20T00:00:00Z)'
    ]
  ])('accepts %s', async (_, segment) => {
    const { status, json } = await get(app, `${workflowResults(W)}/${segment}`)
    expect(status).toBe(200)
    expect(json.totalUsers).toBe(5)
  })

  it("counts only the run's results under a run", async () => {
    const { json } = await get(app, `${runResults(W, R)}/${CALL}`)
    expect(json).toMatchObject({
      totalUsers: 2,
      successfulUsers: 1,
      failedUsers: 1,
      totalTasks: 6,
      failedTasks: 2
    })
  })

  it('follows PATCHes through the seed path', async () => {
    const patch = await app.inject({
      method: 'PATCH',
      url: '/beta/workflowBase/userProcessingResults/waiting',
      headers: { authorization: bearer(), 'content-type': 'application/json' },
      payload: validBody({ processingStatus: 'completed', scheduledDateTime: '2022-07-22T07:00:00Z' })
    })
    expect(patch.statusCode).toBe(200)
    expect((await get(app, `${workflowResults(W)}/${CALL}`)).json.successfulUsers).toBe(3)
  })

  it('is empty for a window with nothing in it', async () => {
    const { json } = await get(
      app,
      `${workflowResults(W)}/summary(startDateTime=2030-01-01T00:00:00Z,endDateTime=2030-01-01T00:00:00Z)`
    )
    expect(json).toMatchObject({
      failedTasks: 0,
      failedUsers: 0,
      successfulUsers: 0,
      totalTasks: 0,
      totalUsers: 0
    })
  })

  it.each([
    ['summary()', "The parameter 'startDateTime' is missing"],
    ['summary(startDateTime=2022-07-20T00:00:00Z)', "The parameter 'endDateTime' is missing"],
    [
      'summary(startDateTime=2022-07-20,endDateTime=2022-07-23T00:00:00Z)',
      "Invalid startDateTime: '2022-07-20' is not a DateTimeOffset"
    ],
    ["summary(startDateTime='2022-07-20T00:00:00Z',endDateTime=2022-07-23T00:00:00Z)", 'write it unquoted'],
    [
      'summary(startDateTime=2022-07-23T00:00:00Z,endDateTime=2022-07-20T00:00:00Z)',
      'Invalid endDateTime: 2022-07-20T00:00:00Z is before startDateTime'
    ],
    [
      'summary(start=2022-07-20T00:00:00Z,endDateTime=2022-07-23T00:00:00Z)',
      "expected startDateTime or endDateTime but found 'start'"
    ]
  ])('answers %s with a 400 naming the problem', async (segment, message) => {
    const { status, json } = await get(app, `${workflowResults(W)}/${segment}`)
    expect(status).toBe(400)
    expect(json.error.code).toBe('BadRequest')
    expect(json.error.message).toContain(message)
  })

  it('refuses query options on the summary', async () => {
    const { status, json } = await get(app, `${workflowResults(W)}/${CALL}?$select=totalUsers`)
    expect(status).toBe(400)
    expect(json.error.message).toBe("Query option '$select' cannot be applied to a function's result.")
  })

  it('is a 404 for an unknown workflow or run', async () => {
    expect((await get(app, `${workflowResults('nope')}/${CALL}`)).status).toBe(404)
    expect((await get(app, `${runResults(W, 'nope')}/${CALL}`)).status).toBe(404)
  })
})

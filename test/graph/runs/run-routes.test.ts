import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { errorOf, SEED_PATH, validBody } from '../../helpers/graph-server.js'
import { body, buildLcwApp, call, lcw, WORLD } from '../../helpers/lcw.js'

let app: FastifyInstance
beforeEach(async () => {
  ;({ app } = await buildLcwApp())
})
afterEach(async () => {
  await app.close()
})

const RUNS = `/workflows/${WORLD.workflow}/runs`
const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await call(app, `${lcw()}${path}`, { headers })
  return { status: response.statusCode, json: body(response), response }
}

describe('runs', () => {
  it("writes the docs' run dad77a47 with the figures of its results", async () => {
    const { json } = await get(`${RUNS}/${WORLD.run}`)
    expect(json).toEqual({
      '@odata.context': `http://localhost:80/beta/$metadata#identityGovernance/lifecycleWorkflows/workflows('${WORLD.workflow}')/runs/$entity`,
      id: WORLD.run,
      completedDateTime: '2022-08-24T23:28:11.1348863Z',
      failedTasksCount: 0,
      failedUsersCount: 0,
      lastUpdatedDateTime: '2022-08-24T23:33:09.186588Z',
      processingStatus: 'completed',
      scheduledDateTime: '2022-08-24T23:28:01.6476554Z',
      startedDateTime: '2022-08-24T23:28:04.5688752Z',
      successfulUsersCount: 2,
      totalTasksCount: 4,
      totalUnprocessedTasksCount: 0,
      totalUsersCount: 2,
      workflowExecutionType: 'onDemand'
    })
  })

  it('derives the figures when they are read, so a PATCH of a result shows in its run', async () => {
    const patch = await call(app, SEED_PATH, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      payload: validBody({ processingStatus: 'failed', failedTasksCount: 2, totalTasksCount: 2 })
    })
    expect(patch.statusCode).toBe(200)
    expect((await get(`${RUNS}/${WORLD.run}`)).json).toMatchObject({
      processingStatus: 'completedWithErrors',
      failedUsersCount: 1,
      successfulUsersCount: 1,
      failedTasksCount: 2
    })
  })

  it('hides an evolvable execution type without Prefer, as everywhere', async () => {
    const hidden = await get(`${RUNS}/${WORLD.reprocessingRun}`)
    expect(hidden.json.workflowExecutionType).toBe('unknownFutureValue')
    const shown = await get(`${RUNS}/${WORLD.reprocessingRun}`, { prefer: 'include-unknown-enum-members' })
    expect(shown.json.workflowExecutionType).toBe('activatedWithScope')
  })

  it.each([
    ["$filter=processingStatus eq 'inProgress'", ['3ddb3765-0628-4fa1-8a52-6af6cedc8644']],
    ['$filter=scheduledDateTime lt 2023-01-01T00:00:00Z', [WORLD.run]],
    ['$orderby=scheduledDateTime desc&$top=1', ['3ddb3765-0628-4fa1-8a52-6af6cedc8644']]
  ])('%s', async (query, expected) => {
    const { json } = await get(`${RUNS}?${query}`)
    expect(json.value?.map((run) => run.id)).toEqual(expected)
  })

  it('refuses $expand, which Graph does not document on runs', async () => {
    const { status, response } = await get(`${RUNS}?$expand=userProcessingResults`)
    expect(status).toBe(400)
    expect(errorOf(response).message).toContain('nothing can')
  })

  it('summary(…) totals the runs scheduled in the window, short and namespace-qualified', async () => {
    const window = '(startDateTime=2022-08-01T00:00:00Z,endDateTime=2022-08-31T00:00:00Z)'
    const short = await get(`${RUNS}/summary${window}`)
    expect(short.json).toEqual({
      '@odata.context': 'http://localhost:80/beta/$metadata#microsoft.graph.identityGovernance.runSummary',
      failedRuns: 0,
      failedTasks: 0,
      successfulRuns: 1,
      totalRuns: 1,
      totalTasks: 4,
      totalUsers: 2
    })
    const qualified = await get(
      `${RUNS}/microsoft.graph.identityGovernance.summary${encodeURIComponent(window)}`
    )
    expect(qualified.json).toEqual(short.json)
    expect((await get(`${RUNS}/summary(startDateTime=2022-08-01T00:00:00Z)`)).status).toBe(400)
    expect((await get(`${RUNS}/summary${window}?$top=1`)).status).toBe(400)
  })
})

describe('reprocessedRuns', () => {
  const reprocessed = (parent: string) =>
    `${parent}/userProcessingResults/${WORLD.reprocessedResult}/reprocessedRuns`
  it('lists the runs that processed a result again, below the workflow and below a run', async () => {
    const { json } = await get(reprocessed(`/workflows/${WORLD.workflow}`))
    expect(json['@odata.context']).toContain(
      `userProcessingResults('${WORLD.reprocessedResult}')/reprocessedRuns`
    )
    expect(json.value?.map((run) => run.id)).toEqual([WORLD.reprocessingRun])
    const item = await get(`${reprocessed(`/workflows/${WORLD.workflow}`)}/${WORLD.reprocessingRun}`)
    expect(item.json).toMatchObject({ id: WORLD.reprocessingRun, totalUsersCount: 0 })
    expect((await get(`${reprocessed(`/workflows/${WORLD.workflow}`)}/${WORLD.run}`)).status).toBe(404)
    const none = await get(
      `/workflows/${WORLD.workflow}/userProcessingResults/${WORLD.result}/reprocessedRuns`
    )
    expect(none.json.value).toEqual([])
  })
})

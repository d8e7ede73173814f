import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CUSTOM_TASK_EXTENSION_DEFINITION_ID } from '../../../src/model/task.js'
import { DEFAULT_TOKEN_TENANT } from '../../../src/model/token.js'
import type { LifecycleStore } from '../../../src/store/lifecycle-store.js'
import { DEFAULT_TENANT } from '../../../src/store/result-store.js'
import { bothBackends } from '../../helpers/backends.js'
import { control } from '../../helpers/control.js'
import { errorOf } from '../../helpers/graph-server.js'
import { body, buildLcwApp, call, lcw, resumeBody, WORLD } from '../../helpers/lcw.js'
import { makeRecord } from '../../helpers/odata.js'

describe.each(bothBackends())('the world routes ($name)', (backend) => {
  let app: FastifyInstance
  let store: LifecycleStore
  beforeEach(async () => {
    ;({ app, store } = await buildLcwApp(backend.config()))
  })
  afterEach(async () => {
    await app.close()
  })

  const TENANT = 'contoso-tests'

  /** A workflow in the fixture form whose one result waits on a custom task extension. */
  const waitingWorld = (workflowId = 'seeded') => ({
    workflows: [
      {
        id: workflowId,
        displayName: 'Seeded',
        tasks: [
          {
            id: 'cte',
            category: 'leaver',
            displayName: 'Run a Custom Task Extension',
            executionSequence: 1,
            taskDefinitionId: CUSTOM_TASK_EXTENSION_DEFINITION_ID
          }
        ],
        runs: [{ id: 'run', userProcessingResultIds: ['r1'] }],
        userProcessingResults: [
          {
            ...makeRecord('r1', {
              processingStatus: 'inProgress',
              completedDateTime: null,
              totalTasksCount: 1,
              totalUnprocessedTasksCount: 1
            }),
            taskProcessingResults: [
              {
                id: 'tr1',
                taskId: 'cte',
                processingStatus: 'inProgress',
                createdDateTime: '2026-11-28T10:00:00Z'
              }
            ]
          }
        ]
      }
    ]
  })

  /** What a tenant holds, to compare before and after a refused call. */
  async function snapshot(tenant: string) {
    const world = await store.world(tenant)
    return { ...world, details: [...world.details] }
  }

  describe('/_mock/workflows', () => {
    it('GET reads a tenant world in the fixture form, which PUT takes back as is', async () => {
      const read = await control(app, 'GET', '/workflows')
      expect(read.statusCode).toBe(200)
      const world = read.json()
      expect(world.workflows.map((workflow: { id: string }) => workflow.id)).toContain(WORLD.offboarding)
      const put = await control(app, 'PUT', `/workflows?tenant=${TENANT}`, world)
      expect(put.statusCode).toBe(200)
      expect(put.json()).toEqual(world)
    })

    it('GET writes records seeded without task results as plain records, so the world can be PUT back', async () => {
      const record = makeRecord('plain', { totalTasksCount: 3, totalUnprocessedTasksCount: 3 })
      expect(
        (await control(app, 'POST', `/userProcessingResults?tenant=${TENANT}`, [record])).statusCode
      ).toBe(200)
      const world = (await control(app, 'GET', `/workflows?tenant=${TENANT}`)).json()
      const results = world.workflows.flatMap(
        (workflow: { userProcessingResults: object[] }) => workflow.userProcessingResults
      )
      expect(results).toContainEqual(record)
      const put = await control(app, 'PUT', `/workflows?tenant=${TENANT}`, world)
      expect(put.statusCode).toBe(200)
      expect(put.json()).toEqual(world)
    })

    it('GET leaves out of runs the results that replacing the records removed, so the world can be PUT back', async () => {
      const record = makeRecord('only', {})
      expect(
        (await control(app, 'PUT', `/userProcessingResults?tenant=${TENANT}`, [record])).statusCode
      ).toBe(200)
      const world = (await control(app, 'GET', `/workflows?tenant=${TENANT}`)).json()
      const named = world.workflows.flatMap((workflow: { runs: { userProcessingResultIds: string[] }[] }) =>
        workflow.runs.flatMap((run) => run.userProcessingResultIds)
      )
      expect(named).toEqual([])
      const put = await control(app, 'PUT', `/workflows?tenant=${TENANT}`, world)
      expect(put.statusCode).toBe(200)
    })

    it('PUT replaces the world of the tenant it names; Graph and resume then see exactly that', async () => {
      const put = await control(app, 'PUT', `/workflows?tenant=${DEFAULT_TOKEN_TENANT}`, waitingWorld())
      expect(put.statusCode).toBe(200)
      const workflows = body(await call(app, `${lcw()}/workflows`))
      expect(workflows.value?.map((workflow) => workflow.id)).toEqual([
        '14879e66-9ea9-48d0-804d-8fea672d0341',
        'seeded'
      ])
      const resume = await call(
        app,
        `${lcw()}/workflows/seeded/userProcessingResults/r1/taskProcessingResults/tr1/resume`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, payload: resumeBody('completed') }
      )
      expect(resume.statusCode).toBe(204)
      expect(body(await call(app, `${lcw()}/workflows/seeded/runs/run`))).toMatchObject({
        processingStatus: 'completed'
      })
      expect((await store.list('another')).length).toBeGreaterThan(10)
    })

    it('POST replaces the workflows it names and keeps the others', async () => {
      const post = await control(app, 'POST', `/workflows?tenant=${TENANT}`, waitingWorld())
      expect(post.statusCode).toBe(200)
      const ids = (await store.listWorkflows(TENANT)).map(({ workflow }) => workflow.id)
      expect(ids).toEqual([
        WORLD.workflow,
        '156ce798-1eb6-4e0a-8515-e79f54d04390',
        WORLD.offboarding,
        WORLD.deletedWorkflow,
        'seeded'
      ])
      const again = await control(app, 'POST', `/workflows?tenant=${TENANT}`, {
        workflows: [{ id: 'seeded' }]
      })
      expect(again.statusCode).toBe(200)
      expect(await store.get(TENANT, 'r1')).toBeUndefined()
    })

    it('reset takes the tenant back to the fixtures, workflows included', async () => {
      await control(app, 'PUT', `/workflows?tenant=${TENANT}`, waitingWorld())
      expect((await control(app, 'POST', `/reset?tenant=${TENANT}`)).statusCode).toBe(204)
      expect((await store.listWorkflows(TENANT)).map(({ workflow }) => workflow.id)).toContain(
        WORLD.offboarding
      )
      expect(await store.get(TENANT, 'r1')).toBeUndefined()
    })

    it.each([
      [
        'a body that is not the workflows form',
        { workflows: [{ color: 'red' }] },
        "'workflows[0].id' is required"
      ],
      [
        'a result count its task results contradict',
        {
          workflows: [
            {
              ...waitingWorld().workflows[0],
              userProcessingResults: [
                { ...waitingWorld().workflows[0]?.userProcessingResults[0], totalTasksCount: 5 }
              ]
            }
          ]
        },
        "'totalTasksCount' is 5 but its taskProcessingResults give 1"
      ],
      [
        'a result of a workflow the call keeps',
        { workflows: [{ id: 'other', userProcessingResults: [makeRecord(WORLD.result)] }] },
        `the userProcessingResult ${WORLD.result} belongs to workflow ${WORLD.workflow}, which this call keeps`
      ]
    ])('refuses %s with a 400 naming the field, changing nothing', async (_name, payload, message) => {
      const before = await snapshot(DEFAULT_TENANT)
      const response = await control(app, 'POST', '/workflows', payload)
      expect(response.statusCode).toBe(400)
      expect(errorOf(response).message).toContain(message)
      expect(await snapshot(DEFAULT_TENANT)).toEqual(before)
    })

    it('refuses an unknown query parameter and a PUT body that is not JSON, changing nothing', async () => {
      const before = await snapshot(DEFAULT_TENANT)
      expect((await control(app, 'PUT', '/workflows?tenants=x', waitingWorld())).statusCode).toBe(400)
      const text = await app.inject({
        method: 'PUT',
        url: '/_mock/workflows',
        headers: { 'content-type': 'text/plain' },
        payload: 'workflows'
      })
      expect(text.statusCode).toBe(415)
      expect(await snapshot(DEFAULT_TENANT)).toEqual(before)
    })
  })
})

import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  REPORT_READ_PERMISSIONS,
  WORKFLOW_LIST_PERMISSIONS,
  WORKFLOW_READ_PERMISSIONS
} from '../../../src/graph/auth/permissions.js'
import { API_VERSIONS, type ApiVersion } from '../../../src/model/enums.js'
import { body, buildLcwApp, call, lcw, WORLD } from '../../helpers/lcw.js'

const SUMMARY =
  'microsoft.graph.identityGovernance.summary(startDateTime=2020-01-01T00:00:00Z,endDateTime=2030-01-01T00:00:00Z)'
const W = `/workflows/${WORLD.workflow}`
const RESULT = `/userProcessingResults/${WORLD.result}`
const TASK_RESULTS = `${W}${RESULT}/taskProcessingResults`
const DELETED = `/deletedItems/workflows/${WORLD.deletedWorkflow}`

/** Every read path of the tree with the permissions Graph's docs list for it, least privileged first. */
const PATHS: [string, readonly string[]][] = [
  ['/workflows', WORKFLOW_LIST_PERMISSIONS],
  ['/workflows/$count', WORKFLOW_LIST_PERMISSIONS],
  [W, WORKFLOW_READ_PERMISSIONS],
  [`${W}/tasks`, WORKFLOW_READ_PERMISSIONS],
  [`${W}/tasks/$count`, WORKFLOW_READ_PERMISSIONS],
  [`${W}/tasks/${WORLD.task}`, WORKFLOW_READ_PERMISSIONS],
  [`${W}/executionScope`, WORKFLOW_READ_PERMISSIONS],
  [`${W}/executionScope/$count`, WORKFLOW_READ_PERMISSIONS],
  [`${W}/executionScope/${WORLD.queuedResult}`, WORKFLOW_READ_PERMISSIONS],
  ['/deletedItems/workflows', WORKFLOW_READ_PERMISSIONS],
  ['/deletedItems/workflows/$count', WORKFLOW_READ_PERMISSIONS],
  [DELETED, WORKFLOW_READ_PERMISSIONS],
  [`${DELETED}/tasks`, WORKFLOW_READ_PERMISSIONS],
  [`${W}/runs`, REPORT_READ_PERMISSIONS],
  [`${W}/runs/$count`, REPORT_READ_PERMISSIONS],
  [`${W}/runs/${WORLD.run}`, REPORT_READ_PERMISSIONS],
  [`${W}/runs/${SUMMARY}`, REPORT_READ_PERMISSIONS],
  [`${W}/userProcessingResults`, REPORT_READ_PERMISSIONS],
  [`${W}/userProcessingResults/$count`, REPORT_READ_PERMISSIONS],
  [`${W}${RESULT}`, REPORT_READ_PERMISSIONS],
  [`${W}/userProcessingResults/${SUMMARY}`, REPORT_READ_PERMISSIONS],
  [`${W}/runs/${WORLD.run}${RESULT}`, REPORT_READ_PERMISSIONS],
  [`${W}${RESULT}/subject`, REPORT_READ_PERMISSIONS],
  [TASK_RESULTS, REPORT_READ_PERMISSIONS],
  [`${TASK_RESULTS}/$count`, REPORT_READ_PERMISSIONS],
  [`${TASK_RESULTS}/${WORLD.taskResult}`, REPORT_READ_PERMISSIONS],
  [`${TASK_RESULTS}/${WORLD.taskResult}/subject`, REPORT_READ_PERMISSIONS],
  [`${TASK_RESULTS}/${WORLD.taskResult}/task`, REPORT_READ_PERMISSIONS],
  [`${W}/runs/${WORLD.run}${RESULT}/taskProcessingResults`, REPORT_READ_PERMISSIONS],
  [`${W}/runs/${WORLD.run}/taskProcessingResults`, REPORT_READ_PERMISSIONS],
  [`${W}/runs/${WORLD.run}/taskProcessingResults/${WORLD.taskResult}`, REPORT_READ_PERMISSIONS],
  [`${W}/tasks/${WORLD.task}/taskProcessingResults`, REPORT_READ_PERMISSIONS],
  [`${W}/tasks/${WORLD.task}/taskProcessingResults/$count`, REPORT_READ_PERMISSIONS],
  [`${W}/userProcessingResults/${WORLD.reprocessedResult}/reprocessedRuns`, REPORT_READ_PERMISSIONS],
  [`${W}/userProcessingResults/${WORLD.reprocessedResult}/reprocessedRuns/$count`, REPORT_READ_PERMISSIONS],
  [
    `${W}/userProcessingResults/${WORLD.reprocessedResult}/reprocessedRuns/${WORLD.reprocessingRun}`,
    REPORT_READ_PERMISSIONS
  ],
  [`${DELETED}/runs`, REPORT_READ_PERMISSIONS],
  [`${DELETED}/userProcessingResults`, REPORT_READ_PERMISSIONS]
]

let app: FastifyInstance
beforeAll(async () => {
  ;({ app } = await buildLcwApp())
})
afterAll(async () => {
  await app.close()
})

describe.each(API_VERSIONS)('every read path of the tree under /%s', (version: ApiVersion) => {
  it.each(PATHS)(
    '%s answers each permission of its table, and refuses without one',
    async (path, permissions) => {
      const url = `${lcw(version)}${path}`
      for (const permission of permissions) {
        const response = await call(app, url, { scopes: [permission] })
        expect(response.statusCode, `${permission} on ${url}`).toBe(200)
        if (path.endsWith('$count')) {
          expect(response.headers['content-type']).toBe('text/plain; charset=utf-8')
          expect(response.body).toMatch(/^\d+$/)
        } else {
          expect(String(body(response)['@odata.context'])).toMatch(
            new RegExp(`^http://localhost(:80)?/${version}/\\$metadata#`)
          )
        }
      }
      const refused = await call(app, url, { scopes: ['User.Read.All'] })
      expect(refused.statusCode).toBe(403)
      expect(body(refused).error).toMatchObject({
        code: 'Forbidden',
        message: expect.stringContaining(
          `One of the following permissions would allow it: ${permissions.join(', ')}.`
        )
      })
      expect((await call(app, url, { scopes: null })).statusCode).toBe(401)
    }
  )

  it.each(PATHS.filter(([path]) => !path.includes('summary(')))(
    '%s answers other methods with 405',
    async (path) => {
      const response = await call(app, `${lcw(version)}${path}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        payload: {}
      })
      expect(response.statusCode).toBe(405)
      expect(response.headers.allow).toContain('GET')
    }
  )
})

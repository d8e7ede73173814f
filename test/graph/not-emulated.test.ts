import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notEmulatedPaths } from '../../src/graph/not-emulated/not-emulated-paths.js'
import { API_VERSIONS } from '../../src/model/enums.js'
import { errorOf } from '../helpers/graph-server.js'
import { buildLcwApp, call, WORLD } from '../helpers/lcw.js'

let app: FastifyInstance
let open: FastifyInstance
beforeAll(async () => {
  ;({ app } = await buildLcwApp())
  ;({ app: open } = await buildLcwApp({ auth: 'off' }))
})
afterAll(async () => {
  await app.close()
  await open.close()
})

/** A concrete URL of a path pattern: each parameter gets an id of the bundled world or a made-up one. */
const concrete = (path: string) =>
  path
    .replace(':workflowId', WORLD.workflow)
    .replace(':taskId', WORLD.task)
    .replace(/:[A-Za-z]+/g, 'some-id')

const CASES = API_VERSIONS.flatMap((version) =>
  notEmulatedPaths().map((entry) => ({ ...entry, version, url: `/${version}${concrete(entry.path)}` }))
)

describe('Graph paths the mock does not emulate', () => {
  it.each(CASES)(
    '$method $url answers 501 NotImplemented naming what, after its permissions',
    async (entry) => {
      const send = (target: FastifyInstance, scopes: readonly string[] | null) =>
        call(target, entry.url, {
          method: entry.method as 'GET',
          scopes,
          ...(entry.method === 'POST' || entry.method === 'PATCH'
            ? { headers: { 'content-type': 'application/json' }, payload: {} }
            : {})
        })
      const answered = await send(app, [entry.permissions[0] ?? ''])
      expect(answered.statusCode).toBe(501)
      expect(errorOf(answered)).toMatchObject({
        code: 'NotImplemented',
        message: `The mock does not emulate ${entry.what} (${entry.method} ${entry.url}). It serves the read paths of the Lifecycle Workflows tree and resume; see docs/lifecycle-workflows.md.`
      })
      const refused = await send(app, ['User.Read.All'])
      expect(refused.statusCode).toBe(403)
      expect(errorOf(refused).message).toContain(entry.permissions.join(', '))
      expect((await send(app, null)).statusCode).toBe(401)
      expect((await send(open, null)).statusCode).toBe(501)
    }
  )

  it('answers another method on such a path with 405 naming every method of the path', async () => {
    const response = await call(app, `/beta/identityGovernance/lifecycleWorkflows/customTaskExtensions`, {
      method: 'DELETE'
    })
    expect(response.statusCode).toBe(405)
    expect(response.headers.allow).toBe('GET, POST')
    const workflow = await call(
      app,
      `/beta/identityGovernance/lifecycleWorkflows/workflows/${WORLD.workflow}`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        payload: {}
      }
    )
    expect(workflow.headers.allow).toBe('DELETE, GET, PATCH')
  })

  it.each([
    ['/beta/identityGovernance/lifecycleWorkflows/colors', 'colors'],
    [
      `/beta/identityGovernance/lifecycleWorkflows/workflows/${WORLD.workflow}/microsoft.graph.identityGovernance.launch`,
      'microsoft.graph.identityGovernance.launch'
    ],
    ['/v1.0/identityGovernance/lifecycleWorkflows/customTaskExtensions/x/y', 'y']
  ])("keeps Graph's 400 for %s, a path Graph does not have", async (url, segment) => {
    const response = await call(app, url)
    expect(response.statusCode).toBe(400)
    expect(errorOf(response).message).toBe(`Resource not found for the segment '${segment}'.`)
  })
})

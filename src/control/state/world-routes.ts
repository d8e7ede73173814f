import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { GraphError } from '../../graph/errors/graph-error.js'
import { TenantQuerySchema } from '../../model/control/control-query.js'
import { WorkflowsFixtureSchema } from '../../model/workflow-fixture.js'
import type { LifecycleStore } from '../../store/lifecycle-store.js'
import { DEFAULT_TENANT } from '../../store/result-store.js'
import { FixtureError } from '../../store/seed/fixture-error.js'
import { fixtureOf, readWorld } from '../../store/seed/world-fixture.js'
import type { World } from '../../store/world.js'

/** A body in the fixture workflows form, with the fixture loader's checks; a problem names its field. */
function worldOf(body: unknown): World {
  try {
    return readWorld(body, 'body')
  } catch (error) {
    if (!(error instanceof FixtureError)) throw error
    throw GraphError.invalidInput('body', [{ target: error.path, message: error.problem }])
  }
}

/**
 * A tenant's whole Lifecycle Workflows world in the fixture workflows form (docs/fixtures.md): `GET` reads it,
 * `PUT` replaces it, `POST` replaces the workflows it names (with everything below them) and keeps the others.
 */
export const worldRoutes: FastifyPluginAsyncTypebox<{ store: LifecycleStore }> = async (app, { store }) => {
  const answer = { content: { 'application/json': WorkflowsFixtureSchema } }
  const read = {
    schema: { querystring: TenantQuerySchema },
    config: { openapi: { summary: "The tenant's world in the fixture workflows form", answer } }
  }
  // The body is checked by the fixture loader's own checks (schema first), so that it is read exactly as a file.
  const write = (summary: string) => ({
    schema: { querystring: TenantQuerySchema },
    config: { openapi: { summary, body: WorkflowsFixtureSchema, answer } }
  })

  app.get('/workflows', read, async function readWorkflows(request) {
    return fixtureOf(await store.world(request.query.tenant ?? DEFAULT_TENANT))
  })

  app.put('/workflows', write("Replace the tenant's world"), async function replaceWorkflows(request) {
    const tenant = request.query.tenant ?? DEFAULT_TENANT
    await store.replaceWorld(tenant, worldOf(request.body))
    return fixtureOf(await store.world(tenant))
  })

  const upsert = write('Replace the workflows named (with everything below them), keep the others')
  app.post('/workflows', upsert, async function upsertWorkflows(request) {
    const tenant = request.query.tenant ?? DEFAULT_TENANT
    const conflict = await store.upsertWorld(tenant, worldOf(request.body))
    if (conflict !== undefined) {
      throw GraphError.invalidInput('body', [
        {
          target: 'workflows',
          message: `the userProcessingResult ${conflict.resultId} belongs to workflow ${conflict.workflowId}, which this call keeps`
        }
      ])
    }
    return fixtureOf(await store.world(tenant))
  })
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { DEFAULT_TENANT } from '../../graph/auth/auth-hooks.js'
import { GraphError } from '../../graph/errors/graph-error.js'
import { TenantQuerySchema } from '../../model/control/control-query.js'
import { type UserProcessingResult, UserProcessingResultSchema } from '../../model/user-processing-result.js'
import { normalizeRecord } from '../../store/fixtures/normalize-record.js'
import type { ResultStore } from '../../store/result-store.js'

/** A JSON array in the fixture record shape, each record checked with the entity's own schema. */
const RecordsSchema = Type.Array(UserProcessingResultSchema, { maxItems: 10_000 })

function readRecords(records: readonly UserProcessingResult[]): UserProcessingResult[] {
  const seen = new Map<string, number>()
  records.forEach((record, index) => {
    const earlier = seen.get(record.id)
    if (earlier !== undefined) {
      throw GraphError.invalidInput('body', [
        {
          target: `[${index}].id`,
          message: `'[${index}].id' ${record.id} is already used by record ${earlier}`
        }
      ])
    }
    seen.set(record.id, index)
  })
  return records.map(normalizeRecord)
}

/** `/userProcessingResults`: read, replace (PUT) or upsert (POST) a tenant's records; fixture files stay as they are. */
export const seedRoutes: FastifyPluginAsyncTypebox<{ store: ResultStore }> = async (app, { store }) => {
  const read = { schema: { querystring: TenantQuerySchema } }
  const write = { schema: { querystring: TenantQuerySchema, body: RecordsSchema } }

  app.get('/userProcessingResults', read, async (request) =>
    store.list(request.query.tenant ?? DEFAULT_TENANT)
  )

  app.put('/userProcessingResults', write, async (request) => {
    const tenant = request.query.tenant ?? DEFAULT_TENANT
    await store.replace(tenant, readRecords(request.body))
    return store.list(tenant)
  })

  app.post('/userProcessingResults', write, async (request) => {
    const tenant = request.query.tenant ?? DEFAULT_TENANT
    await store.upsert(tenant, readRecords(request.body))
    return store.list(tenant)
  })
}

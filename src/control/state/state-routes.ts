import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { GraphError } from '../../graph/errors/graph-error.js'
import { RecordsSchema } from '../../model/control/control-answers.js'
import { SeedRecordsSchema, TenantQuerySchema } from '../../model/control/control-query.js'
import type { UserProcessingResult } from '../../model/user-processing-result.js'
import { DEFAULT_TENANT } from '../../store/result-store.js'
import { normalizeRecord } from '../../store/seed/normalize-record.js'
import type { MockState } from './mock-state.js'

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

/**
 * The mock's state: `POST /reset` goes back to how the server started (fixtures, empty journal and so no findings,
 * no page links handed out, start-up faults, fresh throttling); `/userProcessingResults` reads, replaces (PUT) or upserts (POST) a tenant's records, while
 * fixture files stay as they are.
 */
export const stateRoutes: FastifyPluginAsyncTypebox<{ state: MockState }> = async (app, { state }) => {
  const { store } = state
  const records = { content: { 'application/json': RecordsSchema } }
  const read = (summary: string) => ({
    schema: { querystring: TenantQuerySchema },
    config: { openapi: { summary, answer: records } }
  })
  const write = (summary: string) => ({
    schema: { querystring: TenantQuerySchema, body: SeedRecordsSchema },
    config: { openapi: { summary, answer: records } }
  })
  const resetting = {
    schema: { querystring: TenantQuerySchema },
    config: {
      openapi: {
        summary: 'Back to the start-up state (?tenant=: that tenant only)',
        answer: { status: 204 }
      }
    }
  }

  app.post('/reset', resetting, async function reset(request, reply) {
    // The findings are read from the journal: they go with it. All or nothing, in Redis too.
    await state.reset(request.query.tenant)
    return reply.code(204).send()
  })

  app.get('/userProcessingResults', read("The tenant's records"), async function listRecords(request) {
    return store.list(request.query.tenant ?? DEFAULT_TENANT)
  })

  const replace = write("Replace the tenant's records")
  app.put('/userProcessingResults', replace, async function replaceRecords(request) {
    const tenant = request.query.tenant ?? DEFAULT_TENANT
    await store.replace(tenant, readRecords(request.body))
    return store.list(tenant)
  })

  const upsert = write('Upsert records (same id: replaced)')
  app.post('/userProcessingResults', upsert, async function upsertRecords(request) {
    const tenant = request.query.tenant ?? DEFAULT_TENANT
    await store.upsert(tenant, readRecords(request.body))
    return store.list(tenant)
  })
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { TenantQuerySchema } from '../../model/control/control-query.js'
import type { ResultStore } from '../../store/result-store.js'
import type { FaultRules } from '../faults/fault-rules.js'
import type { Journal } from '../journal/journal.js'
import type { RateLimiter } from '../throttle/rate-limiter.js'

export interface ResetOptions {
  store: ResultStore
  journal: Journal
  faults: FaultRules
  limiter: RateLimiter | undefined
}

/** `POST /reset`: back to how the server started (fixtures, empty journal, start-up faults, fresh throttling). */
export const resetRoutes: FastifyPluginAsyncTypebox<ResetOptions> = async (app, options) => {
  app.post('/reset', { schema: { querystring: TenantQuerySchema } }, async (request, reply) => {
    const { tenant } = request.query
    await options.store.reset(tenant)
    options.journal.clear(tenant)
    options.faults.reset(tenant)
    options.limiter?.clear(tenant)
    return reply.code(204).send()
  })
}

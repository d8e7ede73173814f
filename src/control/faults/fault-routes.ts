import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { GraphError } from '../../graph/errors/graph-error.js'
import { TenantQuerySchema } from '../../model/control/control-query.js'
import { type FaultRule, FaultRuleSchema } from '../../model/control/fault-rule.js'
import type { FaultRuleState } from './fault-rule-state.js'

/** What the schema cannot say: a rule needs an effect, and a delay range must be in order. */
function checkRule(rule: FaultRule): void {
  const problem = (target: string, message: string) => GraphError.invalidInput('body', [{ target, message }])
  if (rule.status === undefined && rule.delayMs === undefined)
    throw problem('status', "a rule needs an effect: 'status', 'delayMs' or both")
  if (typeof rule.delayMs === 'object' && rule.delayMs.min > rule.delayMs.max)
    throw problem('delayMs', "'delayMs.min' is above 'delayMs.max'")
}

/** `/faults`: add a rule, list the rules with what is left of them, clear them. */
export const faultRoutes: FastifyPluginAsyncTypebox<{ faults: FaultRuleState }> = async (app, { faults }) => {
  app.post('/faults', { schema: { body: FaultRuleSchema } }, async function addFault(request, reply) {
    checkRule(request.body)
    return reply.code(201).send(await faults.add(request.body))
  })

  app.get('/faults', async function listFaults() {
    return faults.list()
  })

  app.delete(
    '/faults',
    { schema: { querystring: TenantQuerySchema } },
    async function clearFaults(request, reply) {
      await faults.clear(request.query.tenant)
      return reply.code(204).send()
    }
  )
}

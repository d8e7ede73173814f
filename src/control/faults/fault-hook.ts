import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { type CallerOf, pathOf } from '../request-facts.js'
import type { FaultRuleState } from './fault-rule-state.js'

/** `preHandler` hook of the Graph scope: applies the fault rules' delay and error to a request. */
export function injectFaults(faults: FaultRuleState, callerOf: CallerOf) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const outcome = await faults.decide({
      method: request.method,
      path: pathOf(request.url),
      tenant: callerOf(request).tenant
    })
    if (outcome === undefined) return
    if (outcome.delayMs > 0) await sleep(outcome.delayMs)
    if (outcome.error !== undefined) throw outcome.error
  }
}

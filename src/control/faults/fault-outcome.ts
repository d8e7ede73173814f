import { GraphError } from '../../graph/errors/graph-error.js'
import type { FaultStatus } from '../../model/control/fault-rule.js'
import type { CompiledRule } from './compiled-rule.js'
import type { FaultOutcome } from './fault-rule-state.js'

/** Graph's answer for each injectable status; 429 and 503 always tell when to retry. */
const DEFAULT_RETRY_AFTER = 1
const FAULT_ERRORS: Record<FaultStatus, (retryAfter: number | undefined) => GraphError> = {
  429: (seconds) => GraphError.tooManyRequests(seconds ?? DEFAULT_RETRY_AFTER),
  500: GraphError.serverFault,
  502: GraphError.badGateway,
  503: (seconds) => GraphError.serviceUnavailable(seconds ?? DEFAULT_RETRY_AFTER),
  504: GraphError.gatewayTimeout
}

/** A rule that fired, and on which of its matched requests (from 0). */
export interface FiredRule {
  rule: CompiledRule
  match: number
}

/** The rules that fired on a request, in order: their delays add up, the first with a status decides the error. */
export function outcomeOf(fired: readonly FiredRule[]): FaultOutcome | undefined {
  let delayMs = 0
  for (const { rule, match } of fired) {
    const effect = rule.effectOn(match)
    delayMs += effect.delayMs
    if (effect.status !== undefined)
      return { delayMs, error: FAULT_ERRORS[effect.status](rule.rule.retryAfter) }
  }
  return delayMs > 0 ? { delayMs } : undefined
}

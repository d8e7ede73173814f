import type { GraphError } from '../../graph/errors/graph-error.js'
import type { FaultRule, FaultRuleView } from '../../model/control/fault-rule.js'
import type { SavedFaultRule } from '../../model/control/snapshot.js'

/** What a request is matched on. */
export interface FaultTarget {
  method: string
  path: string
  tenant: string
}

/** What the matching rules do to a request: wait, then (maybe) fail. */
export interface FaultOutcome {
  delayMs: number
  error?: GraphError
}

/**
 * The fault rules of the Graph scope, newest first, then those from start-up options; kept in this process
 * (MemoryFaultRules) or in Redis, shared by replicas (RedisFaultRules). The routes and the hook use only this.
 */
export interface FaultRuleState {
  add(rule: FaultRule): Promise<FaultRuleView>
  /** The rules in the order they are consulted, with what is left of them. */
  list(): Promise<FaultRuleView[]>
  /** Removes every rule (start-up ones too), or the rules of one tenant. */
  clear(tenant?: string): Promise<void>
  /** Back to start-up: only the start-up rules, their draws restarted. With a tenant, as `clear`. */
  reset(tenant?: string): Promise<void>
  /** Applies the rules to a request: the delay of every rule that fires, and the first error. */
  decide(target: FaultTarget): Promise<FaultOutcome | undefined>
  /** Every rule (or the rules of one tenant) in the order they are consulted, with its seed and counters. */
  saved(tenant?: string): Promise<SavedFaultRule[]>
  /**
   * Replaces every rule by these, ids kept, consulted in the order of `inConsultOrder`; or the rules of one tenant,
   * which get new ids (ids are shared by every tenant) and come first, in their order. Draws go on from `matched`.
   */
  restore(rules: readonly SavedFaultRule[], tenant?: string): Promise<void>
}

const isNumbered = (rule: SavedFaultRule) => /^\d+$/.test(rule.id)

/** The order rules are consulted in, as ids give it: rules added through the API newest first, then start-up rules. */
export function inConsultOrder(rules: readonly SavedFaultRule[]): SavedFaultRule[] {
  const added = rules.filter(isNumbered).sort((a, b) => Number(b.id) - Number(a.id))
  return [...added, ...rules.filter((rule) => !isNumbered(rule))]
}

import picomatch from 'picomatch'
import type { FaultRule, FaultRuleView, FaultStatus } from '../../model/control/fault-rule.js'
import type { FaultTarget } from './fault-rule-state.js'
import { draw } from './prng.js'

/**
 * Draws each matched request consumes, whether or not it uses them: the rate check, the delay, the status.
 * A fixed number, so that the n-th match of a rule uses draws 3n to 3n+2 of its generator whichever process
 * serves it: in memory and in Redis (where replicas share the match counter) the sequence is the same.
 */
export const DRAWS_PER_MATCH = 3

/** What a rule does on a request it fires on. */
export interface FaultEffect {
  delayMs: number
  status?: FaultStatus
}

/** A rule ready to match requests: its path glob compiled, its seed settled (its own, or `--seed`). */
export class CompiledRule {
  readonly #matchesPath: (path: string) => boolean

  constructor(
    readonly id: string,
    readonly rule: FaultRule,
    readonly seed: number
  ) {
    const path = rule.path
    this.#matchesPath =
      path === undefined ? () => true : picomatch(path, { nocase: true, dot: true, strictSlashes: false })
  }

  /** Whether a request that fires this rule ends with an error, so that no later rule is consulted. */
  get ends(): boolean {
    return this.rule.status !== undefined
  }

  matches(target: FaultTarget): boolean {
    const { method, tenant } = this.rule
    return (
      (method === undefined || method.toUpperCase() === target.method) &&
      (tenant === undefined || tenant === target.tenant) &&
      this.#matchesPath(target.path)
    )
  }

  /** Whether the rule fires on its `match`-th matched request (from 0); always, without a `rate`. */
  firesOn(match: number): boolean {
    const { rate } = this.rule
    return rate === undefined || draw(this.seed, match * DRAWS_PER_MATCH) < rate
  }

  /** What the rule does on its `match`-th matched request, when it fires. */
  effectOn(match: number): FaultEffect {
    const { status, delayMs } = this.rule
    const first = match * DRAWS_PER_MATCH
    const delay =
      typeof delayMs === 'object'
        ? delayMs.min + Math.floor(draw(this.seed, first + 1) * (delayMs.max - delayMs.min + 1))
        : (delayMs ?? 0)
    if (!Array.isArray(status)) return { delayMs: delay, status }
    return { delayMs: delay, status: status[Math.floor(draw(this.seed, first + 2) * status.length)] }
  }

  view(remaining: number | undefined): FaultRuleView {
    return { id: this.id, ...this.rule, remaining: remaining ?? null }
  }
}

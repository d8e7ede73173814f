import type { FaultRule, FaultRuleView, NamedFaultRule } from '../../model/control/fault-rule.js'
import type { SavedFaultRule } from '../../model/control/snapshot.js'
import { CompiledRule } from './compiled-rule.js'
import { type FiredRule, outcomeOf } from './fault-outcome.js'
import {
  type FaultOutcome,
  type FaultRuleState,
  type FaultTarget,
  inConsultOrder
} from './fault-rule-state.js'

/** A rule in force in this process: how many times it may still fire, and how many requests it matched. */
interface ActiveRule {
  compiled: CompiledRule
  remaining: number | undefined
  matched: number
}

function activate(id: string, rule: FaultRule, defaultSeed: number): ActiveRule {
  return { compiled: new CompiledRule(id, rule, rule.seed ?? defaultSeed), remaining: rule.times, matched: 0 }
}

/** The fault rules of one process: the default, and what a single mock needs. */
export class MemoryFaultRules implements FaultRuleState {
  readonly #startup: readonly NamedFaultRule[]
  readonly #defaultSeed: number
  #rules: ActiveRule[] = []
  #nextId = 1

  constructor(startup: readonly NamedFaultRule[], defaultSeed: number) {
    this.#startup = startup
    this.#defaultSeed = defaultSeed
    this.#install()
  }

  async add(rule: FaultRule): Promise<FaultRuleView> {
    const active = activate(String(this.#nextId++), rule, this.#defaultSeed)
    this.#rules.unshift(active)
    return active.compiled.view(active.remaining)
  }

  async list(): Promise<FaultRuleView[]> {
    return this.#rules.map(({ compiled, remaining }) => compiled.view(remaining))
  }

  async clear(tenant?: string): Promise<void> {
    this.#rules =
      tenant === undefined ? [] : this.#rules.filter(({ compiled }) => compiled.rule.tenant !== tenant)
  }

  async reset(tenant?: string): Promise<void> {
    if (tenant !== undefined) await this.clear(tenant)
    else this.#install()
  }

  async decide(target: FaultTarget): Promise<FaultOutcome | undefined> {
    const fired: FiredRule[] = []
    for (const active of this.#rules) {
      if (!active.compiled.matches(target)) continue
      const match = active.matched++
      if (!active.compiled.firesOn(match)) continue
      if (active.remaining !== undefined && --active.remaining === 0)
        this.#rules = this.#rules.filter((other) => other !== active)
      fired.push({ rule: active.compiled, match })
      if (active.compiled.ends) break
    }
    return outcomeOf(fired)
  }

  async saved(tenant?: string): Promise<SavedFaultRule[]> {
    return this.#rules
      .filter(({ compiled }) => tenant === undefined || compiled.rule.tenant === tenant)
      .map(({ compiled, remaining, matched }) => ({
        id: compiled.id,
        rule: compiled.rule,
        seed: compiled.seed,
        remaining: remaining ?? null,
        matched
      }))
  }

  async restore(rules: readonly SavedFaultRule[], tenant?: string): Promise<void> {
    const restored = (saved: SavedFaultRule, id = saved.id): ActiveRule => ({
      compiled: new CompiledRule(id, saved.rule, saved.seed),
      remaining: saved.remaining ?? undefined,
      matched: saved.matched
    })
    if (tenant !== undefined) {
      // New ids, the first rule's the highest, so that they are consulted first and in their order.
      const ids = rules.map((_, index) => String(this.#nextId + rules.length - 1 - index))
      this.#nextId += rules.length
      const kept = this.#rules.filter(({ compiled }) => compiled.rule.tenant !== tenant)
      this.#rules = [...rules.map((saved, index) => restored(saved, ids[index])), ...kept]
      return
    }
    this.#rules = inConsultOrder(rules).map((saved) => restored(saved))
    for (const { id } of rules) if (/^\d+$/.test(id)) this.#nextId = Math.max(this.#nextId, Number(id) + 1)
  }

  #install(): void {
    this.#rules = this.#startup.map(({ id, ...rule }) => activate(id, rule, this.#defaultSeed))
  }
}

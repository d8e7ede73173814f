import picomatch from 'picomatch'
import { GraphError } from '../../graph/errors/graph-error.js'
import type { FaultRule, FaultRuleView, FaultStatus, NamedFaultRule } from '../../model/control/fault-rule.js'
import { mulberry32 } from './prng.js'

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

/** Graph's answer for each injectable status; 429 and 503 always tell when to retry. */
const DEFAULT_RETRY_AFTER = 1
const FAULT_ERRORS: Record<FaultStatus, (retryAfter: number | undefined) => GraphError> = {
  429: (seconds) => GraphError.tooManyRequests(seconds ?? DEFAULT_RETRY_AFTER),
  500: GraphError.serverFault,
  502: GraphError.badGateway,
  503: (seconds) => GraphError.serviceUnavailable(seconds ?? DEFAULT_RETRY_AFTER),
  504: GraphError.gatewayTimeout
}

/** A rule in force: its own seeded generator, so its draws depend only on the requests it matched. */
class ActiveRule {
  readonly #random: () => number
  readonly #matchesPath: (path: string) => boolean
  #remaining: number | undefined

  constructor(
    readonly id: string,
    readonly rule: FaultRule,
    defaultSeed: number
  ) {
    this.#random = mulberry32(rule.seed ?? defaultSeed)
    const path = rule.path
    this.#matchesPath =
      path === undefined ? () => true : picomatch(path, { nocase: true, dot: true, strictSlashes: false })
    this.#remaining = rule.times
  }

  get expired(): boolean {
    return this.#remaining === 0
  }

  matches(target: FaultTarget): boolean {
    const { method, tenant } = this.rule
    return (
      (method === undefined || method.toUpperCase() === target.method) &&
      (tenant === undefined || tenant === target.tenant) &&
      this.#matchesPath(target.path)
    )
  }

  /** Rolls the rule's dice for a matched request: `undefined` when it does not fire this time. */
  fire(): { delayMs: number; status?: FaultStatus } | undefined {
    const { rate, status, delayMs } = this.rule
    if (rate !== undefined && this.#random() >= rate) return undefined
    if (this.#remaining !== undefined) this.#remaining--
    return {
      delayMs: typeof delayMs === 'object' ? this.#between(delayMs.min, delayMs.max) : (delayMs ?? 0),
      status: Array.isArray(status) ? status[Math.floor(this.#random() * status.length)] : status
    }
  }

  view(): FaultRuleView {
    return { id: this.id, ...this.rule, remaining: this.#remaining ?? null }
  }

  #between(min: number, max: number): number {
    return min + Math.floor(this.#random() * (max - min + 1))
  }
}

/**
 * The fault rules of the Graph scope, newest first, then those from start-up options. Delays of every rule
 * that fires add up; the first rule that fires with a status decides the error.
 */
export class FaultRules {
  readonly #startup: readonly NamedFaultRule[]
  readonly #defaultSeed: number
  #rules: ActiveRule[] = []
  #nextId = 1

  constructor(startup: readonly NamedFaultRule[], defaultSeed: number) {
    this.#startup = startup
    this.#defaultSeed = defaultSeed
    this.reset()
  }

  add(rule: FaultRule): FaultRuleView {
    const active = new ActiveRule(String(this.#nextId++), rule, this.#defaultSeed)
    this.#rules.unshift(active)
    return active.view()
  }

  list(): FaultRuleView[] {
    return this.#rules.map((rule) => rule.view())
  }

  /** Removes every rule (start-up ones too), or the rules of one tenant. */
  clear(tenant?: string): void {
    this.#rules = tenant === undefined ? [] : this.#rules.filter((rule) => rule.rule.tenant !== tenant)
  }

  /** Back to start-up: only the start-up rules, their generators restarted. With a tenant, as `clear`. */
  reset(tenant?: string): void {
    if (tenant !== undefined) this.clear(tenant)
    else this.#rules = this.#startup.map(({ id, ...rule }) => new ActiveRule(id, rule, this.#defaultSeed))
  }

  decide(target: FaultTarget): FaultOutcome | undefined {
    let delayMs = 0
    for (const rule of this.#rules) {
      if (!rule.matches(target)) continue
      const fired = rule.fire()
      if (rule.expired) this.#rules = this.#rules.filter((other) => other !== rule)
      if (fired === undefined) continue
      delayMs += fired.delayMs
      if (fired.status !== undefined)
        return { delayMs, error: FAULT_ERRORS[fired.status](rule.rule.retryAfter) }
    }
    return delayMs > 0 ? { delayMs } : undefined
  }
}

/** The start-up options that make fault rules, as plain values. */
export interface StartupFaults {
  latencyMs: { min: number; max: number }
  faultRate: number
  faultStatuses: readonly FaultStatus[]
  seed: number
}

/**
 * `--latency-ms`, `--fault-rate` and `--fault-statuses` as fault rules, so that they are listed, cleared and
 * reset like the others. Latency comes first: it applies whether or not the fault fires. The two draw from
 * different seeds so that slow requests and failing ones are not the same.
 */
export function startupFaultRules(config: StartupFaults): NamedFaultRule[] {
  const rules: NamedFaultRule[] = []
  const { min, max } = config.latencyMs
  if (max > 0) rules.push({ id: 'start-up-latency', delayMs: { min, max }, seed: (config.seed + 1) >>> 0 })
  if (config.faultRate > 0)
    rules.push({
      id: 'start-up-faults',
      rate: config.faultRate,
      status: [...config.faultStatuses],
      seed: config.seed
    })
  return rules
}

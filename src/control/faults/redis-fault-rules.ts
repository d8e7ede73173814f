import type { FaultRule, FaultRuleView, NamedFaultRule } from '../../model/control/fault-rule.js'
import type { SavedFaultRule } from '../../model/control/snapshot.js'
import type { RedisConnection, RedisLog, ScriptCall } from '../../store/redis/redis-connection.js'
import { CompiledRule } from './compiled-rule.js'
import { type FiredRule, outcomeOf } from './fault-outcome.js'
import {
  type FaultOutcome,
  type FaultRuleState,
  type FaultTarget,
  inConsultOrder
} from './fault-rule-state.js'
import {
  ADD_RULE,
  CLEAR_RULES,
  DECIDE,
  INSTALL_STARTUP_RULES,
  LIST_RULES,
  RESTORE_RULES
} from './redis-fault-scripts.js'

/** A rule as Redis keeps it: as posted, with the seed settled when it was added (replicas may differ in --seed). */
interface StoredRule {
  rule: FaultRule
  seed: number
}

type Row = { id: string; stored: string; remaining: number | undefined; matched: number }

function rowsOf(reply: unknown): Row[] {
  const flat = reply as (string | null)[]
  const rows: Row[] = []
  for (let index = 0; index + 3 < flat.length; index += 4) {
    const [id, stored, remaining, matched] = flat.slice(index, index + 4)
    if (typeof id !== 'string' || typeof stored !== 'string') continue
    rows.push({ id, stored, remaining: remaining ? Number(remaining) : undefined, matched: Number(matched) })
  }
  return rows
}

/**
 * Fault rules in Redis, shared by every replica: the same rules, ids, remaining `times` and match counters, so
 * that requests spread over replicas get the decisions one process would give them (see redis-fault-scripts.ts).
 */
export class RedisFaultRules implements FaultRuleState {
  readonly #redis: RedisConnection
  readonly #startup: readonly NamedFaultRule[]
  readonly #defaultSeed: number
  readonly #keys: string[]
  /** Compiled rules by id, while their stored text is the same: globs are compiled once, not per request. */
  #compiled = new Map<string, { stored: string; rule: CompiledRule }>()

  private constructor(redis: RedisConnection, startup: readonly NamedFaultRule[], defaultSeed: number) {
    this.#redis = redis
    this.#startup = startup
    this.#defaultSeed = defaultSeed
    this.#keys = ['rules', 'order', 'remaining', 'matched'].map((name) => redis.key('faults', name))
  }

  /**
   * Installs the start-up rules unless the same ones are there already (another replica, or this one before a
   * restart), and again whenever Redis comes back without them (restarted without persistence).
   */
  static async open(
    redis: RedisConnection,
    startup: readonly NamedFaultRule[],
    defaultSeed: number,
    log: RedisLog
  ): Promise<RedisFaultRules> {
    const faults = new RedisFaultRules(redis, startup, defaultSeed)
    const install = async () => {
      const outcome = await faults.#install('start')
      if (outcome === 2)
        log.warn(
          `Replaced the start-up fault rules in Redis (prefix ${redis.prefix}) that a mock with other --fault-rate, --fault-statuses, --latency-ms or --seed had installed: replicas should share these options.`
        )
    }
    await install()
    redis.onReconnect(() => {
      install().catch((error: Error) =>
        log.warn(`Failed to check the start-up fault rules: ${error.message}`)
      )
    })
    return faults
  }

  async add(rule: FaultRule): Promise<FaultRuleView> {
    const stored: StoredRule = { rule, seed: rule.seed ?? this.#defaultSeed }
    const id = await this.#redis.script(
      ADD_RULE,
      [...this.#keys, this.#redis.key('faults', 'sequence')],
      [JSON.stringify(stored), rule.times ?? '']
    )
    return new CompiledRule(String(id), rule, stored.seed).view(rule.times)
  }

  async list(): Promise<FaultRuleView[]> {
    return (await this.#rows()).map((row) => this.#compile(row).view(row.remaining))
  }

  async clear(tenant?: string): Promise<void> {
    await this.#redis.script(CLEAR_RULES, this.#keys, [tenant ?? ''])
  }

  async reset(tenant?: string): Promise<void> {
    const { script, keys, args } = this.resetCall(tenant)
    await this.#redis.script(script, keys, args)
  }

  /** `reset` as a step of a bigger atomic change. */
  resetCall(tenant?: string): ScriptCall {
    if (tenant !== undefined) return { script: CLEAR_RULES, keys: this.#keys, args: [tenant] }
    return this.#installCall('reset')
  }

  async saved(tenant?: string): Promise<SavedFaultRule[]> {
    return (await this.#rows())
      .map(({ id, stored, remaining, matched }) => {
        const { rule, seed } = JSON.parse(stored) as StoredRule
        return { id, rule, seed, remaining: remaining ?? null, matched }
      })
      .filter(({ rule }) => tenant === undefined || rule.tenant === tenant)
  }

  async restore(rules: readonly SavedFaultRule[], tenant?: string): Promise<void> {
    const { script, keys, args } = this.restoreCall(rules, tenant)
    await this.#redis.script(script, keys, args)
  }

  /** `restore` as a step of a bigger atomic change. */
  restoreCall(rules: readonly SavedFaultRule[], tenant?: string): ScriptCall {
    const ordered = tenant === undefined ? inConsultOrder(rules) : rules
    const args = ordered.flatMap(({ id, rule, seed, remaining, matched }) => [
      tenant === undefined ? id : '',
      JSON.stringify({ rule, seed } satisfies StoredRule),
      remaining ?? '',
      matched
    ])
    return {
      script: RESTORE_RULES,
      keys: [...this.#keys, this.#redis.key('faults', 'sequence')],
      args: [tenant ?? '', ...args]
    }
  }

  async decide(target: FaultTarget): Promise<FaultOutcome | undefined> {
    const matching = (await this.#rows())
      .map((row) => this.#compile(row))
      .filter((rule) => rule.matches(target))
    if (matching.length === 0) return undefined
    const reply = (await this.#redis.script(
      DECIDE,
      this.#keys,
      matching.map((rule) => rule.id)
    )) as (string | number)[]
    const byId = new Map(matching.map((rule) => [rule.id, rule]))
    const fired: FiredRule[] = []
    for (let index = 0; index + 1 < reply.length; index += 2) {
      const rule = byId.get(String(reply[index]))
      if (rule !== undefined) fired.push({ rule, match: Number(reply[index + 1]) })
    }
    return outcomeOf(fired)
  }

  async #rows(): Promise<Row[]> {
    const rows = rowsOf(await this.#redis.script(LIST_RULES, this.#keys, []))
    // Forget the compiled rules that are gone, so the cache never outgrows the rule list.
    if (rows.length < this.#compiled.size) {
      const ids = new Set(rows.map((row) => row.id))
      for (const id of this.#compiled.keys()) if (!ids.has(id)) this.#compiled.delete(id)
    }
    return rows
  }

  #compile({ id, stored }: Row): CompiledRule {
    const cached = this.#compiled.get(id)
    if (cached?.stored === stored) return cached.rule
    const { rule, seed } = JSON.parse(stored) as StoredRule
    const compiled = new CompiledRule(id, rule, seed)
    this.#compiled.set(id, { stored, rule: compiled })
    return compiled
  }

  /** Runs INSTALL_STARTUP_RULES; 0 nothing changed, 1 installed, 2 replaced another definition. */
  async #install(mode: 'start' | 'reset'): Promise<number> {
    const { script, keys, args } = this.#installCall(mode)
    return Number(await this.#redis.script(script, keys, args))
  }

  #installCall(mode: 'start' | 'reset'): ScriptCall {
    const rules = this.#startup.map(({ id, ...rule }) => ({
      id,
      stored: JSON.stringify({ rule, seed: rule.seed ?? this.#defaultSeed } satisfies StoredRule),
      times: rule.times ?? ''
    }))
    const definition = JSON.stringify(rules)
    const args = rules.flatMap(({ id, stored, times }) => [id, stored, times])
    return {
      script: INSTALL_STARTUP_RULES,
      keys: [...this.#keys, this.#redis.key('faults', 'start-up')],
      args: [mode, definition, ...args]
    }
  }
}

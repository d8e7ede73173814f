import type { FaultStatus, NamedFaultRule } from '../../model/control/fault-rule.js'

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

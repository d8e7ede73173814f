import type { NamedFaultRule } from '../../model/control/fault-rule.js'
import type { StoredRequest } from '../../model/control/journal-facts.js'
import type { SavedFaultRule } from '../../model/control/snapshot.js'
import type { LifecycleStore } from '../../store/lifecycle-store.js'
import { TenantLimitError } from '../../store/tenant-limit.js'
import type { World } from '../../store/world.js'
import type { FaultRuleState } from '../faults/fault-rule-state.js'
import { MemoryFaultRules } from '../faults/memory-fault-rules.js'
import type { Classify, Journal } from '../journal/journal.js'
import { MemoryJournal } from '../journal/memory-journal.js'
import { MemoryThrottleWindows } from '../throttle/memory-throttle-windows.js'
import type { RateLimit, ThrottleWindows } from '../throttle/throttle-windows.js'
import { MemoryPageLinks, type PageLinks } from '../verify/page-links.js'
import { type BackendProbe, MEMORY_BACKEND } from './backend-probe.js'

/** A snapshot, checked and read: each tenant's world, the fault rules and the journal's requests. */
export interface SnapshotParts {
  worlds: ReadonlyMap<string, World>
  faults: readonly SavedFaultRule[]
  journal: readonly StoredRequest[]
}

/** Every part of the mock's mutable state, in one backend, and the changes that span several parts. */
export interface MockState {
  backend: BackendProbe
  store: LifecycleStore
  faults: FaultRuleState
  throttle: ThrottleWindows | undefined
  journal: Journal
  pageLinks: PageLinks
  /**
   * Everything (or one tenant) back to how the server started: records, fault rules, throttling windows, the
   * journal and the page links it handed out. All or nothing.
   */
  reset(tenant?: string): Promise<void>
  /**
   * Replaces the records, fault rules and journal (or one tenant's) by a snapshot's. All or nothing:
   * TenantLimitError, before any change, when it needs more copies than `--max-tenants`.
   */
  restore(parts: SnapshotParts, tenant?: string): Promise<void>
  /**
   * At start-up with a state file: restores its snapshot (`undefined` when there is no file yet) as `restore` does,
   * unless (with Redis) a replica of the deployment started with one already since Redis holds its state; whether
   * it restored.
   */
  restoreAtStart(parts: SnapshotParts | undefined): Promise<boolean>
  close(): Promise<void>
}

/** What the state starts from, as the options give it. */
export interface StateOptions {
  /** The rules of --fault-rate and --latency-ms, and the seed of rules that name none. */
  startupFaults: readonly NamedFaultRule[]
  defaultSeed: number
  rateLimit: RateLimit | undefined
  journalSize: number
  /** Tells which route served a journaled request. */
  classify: Classify
}

/**
 * The state of one process, around its store. Its parts change without awaiting anything in between, so calling
 * them one after the other, without awaiting, changes them all before any other request runs.
 */
export function memoryState(store: LifecycleStore, options: StateOptions): MockState {
  const { startupFaults, defaultSeed, rateLimit, journalSize, classify } = options
  const faults = new MemoryFaultRules(startupFaults, defaultSeed)
  const throttle = rateLimit === undefined ? undefined : new MemoryThrottleWindows(rateLimit)
  const journal = new MemoryJournal(journalSize, classify)
  const pageLinks = new MemoryPageLinks()
  const state: MockState = {
    store,
    faults,
    throttle,
    journal,
    pageLinks,
    backend: MEMORY_BACKEND,
    async reset(tenant) {
      await Promise.all([
        faults.reset(tenant),
        throttle?.clear(tenant),
        store.reset(tenant),
        journal.clear(tenant),
        pageLinks.clear(tenant)
      ])
    },
    async restore({ worlds, faults: rules, journal: requests }, tenant) {
      const copies =
        tenant === undefined ? [...worlds.keys()] : [...worlds.keys()].filter((name) => name === tenant)
      const others = tenant === undefined ? [] : (await store.tenants()).filter((name) => name !== tenant)
      const over = copies[store.maxTenants - others.length]
      if (over !== undefined) throw new TenantLimitError(over, store.maxTenants)
      await Promise.all([
        store.restore(worlds, tenant),
        faults.restore(rules, tenant),
        journal.restore(requests, tenant)
      ])
    },
    async restoreAtStart(parts) {
      if (parts === undefined) return false
      await state.restore(parts)
      return true
    },
    close: async () => undefined
  }
  return state
}

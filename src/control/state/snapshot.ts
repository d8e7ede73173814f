import type { StoredRequest } from '../../model/control/journal-facts.js'
import { type SavedFaultRule, type Snapshot, SnapshotSchema } from '../../model/control/snapshot.js'
import { compileChecker } from '../../model/schema-check.js'
import type { LifecycleStore } from '../../store/lifecycle-store.js'
import { FixtureError } from '../../store/seed/fixture-error.js'
import { fixtureOf, readWorld } from '../../store/seed/world-fixture.js'
import type { World } from '../../store/world.js'
import type { FaultRuleState } from '../faults/fault-rule-state.js'
import type { Journal } from '../journal/journal.js'
import type { SnapshotParts } from './mock-state.js'

const snapshotSchema = compileChecker(SnapshotSchema)

/** A snapshot that cannot be restored: the field (`tenants.t1.workflows[0]`), and a sentence that names it. */
export class SnapshotError extends Error {
  override name = 'SnapshotError'

  constructor(
    readonly field: string,
    message: string
  ) {
    super(message)
  }
}

function readWorlds(tenants: Snapshot['tenants']): Map<string, World> {
  const worlds = new Map<string, World>()
  for (const [tenant, content] of Object.entries(tenants)) {
    try {
      worlds.set(tenant, readWorld(content, `tenant ${tenant}`, { checkCounts: false }))
    } catch (error) {
      if (!(error instanceof FixtureError)) throw error
      const field = error.path === '' ? `tenants.${tenant}` : `tenants.${tenant}.${error.path}`
      throw new SnapshotError(field, `'${field}': ${error.problem}`)
    }
  }
  return worlds
}

/** What a schema cannot say: a rule's counter against its `times`, and ids used once. */
function checkFaults(rules: readonly SavedFaultRule[]): void {
  const seen = new Map<string, number>()
  rules.forEach(({ id, rule, remaining }, index) => {
    const problem = (field: string, what: string) =>
      new SnapshotError(`faults[${index}].${field}`, `'faults[${index}].${field}' ${what}`)
    const earlier = seen.get(id)
    if (earlier !== undefined) throw problem('id', `${id} is already the id of faults[${earlier}]`)
    seen.set(id, index)
    if (rule.times === undefined && remaining !== null)
      throw problem('remaining', 'must be null for a rule without times')
    if (rule.times !== undefined && (remaining === null || remaining > rule.times))
      throw problem('remaining', `must be a number from 1 to the rule's times (${rule.times})`)
  })
}

/** With `?tenant=`, every part must be that tenant's. */
function checkTenant(snapshot: Snapshot, tenant: string): void {
  const notTheTenant = (field: string) =>
    new SnapshotError(field, `'${field}' is not of tenant ${tenant}, the only one ?tenant= restores`)
  const other = Object.keys(snapshot.tenants).find((name) => name !== tenant)
  if (other !== undefined) throw notTheTenant(`tenants.${other}`)
  const rule = snapshot.faults.findIndex(({ rule }) => rule.tenant !== tenant)
  if (rule >= 0) throw notTheTenant(`faults[${rule}].rule.tenant`)
  const request = snapshot.journal.findIndex(({ facts }) => facts.tenant !== tenant)
  if (request >= 0) throw notTheTenant(`journal[${request}].facts.tenant`)
}

/**
 * Reads a snapshot (a `PUT /_mock/snapshot` body, a state file) with every check it needs, before anything is
 * restored: the schema, each tenant's world as the fixture loader checks a file (but for counts a PATCH may have
 * set apart from a result's task results), the fault rules' counters and
 * ids, and, for one tenant, that every part is that tenant's. A problem is a SnapshotError naming the field.
 */
export function readSnapshot(content: unknown, tenant?: string): SnapshotParts {
  const issue = snapshotSchema.firstIssue(content)
  if (issue !== undefined) throw new SnapshotError(issue.target, issue.message)
  const snapshot = content as Snapshot
  if (tenant !== undefined) checkTenant(snapshot, tenant)
  checkFaults(snapshot.faults)
  return {
    worlds: readWorlds(snapshot.tenants),
    faults: snapshot.faults,
    journal: snapshot.journal as StoredRequest[]
  }
}

/**
 * The state as a snapshot: every tenant with a copy of its own, or the one named (its copy, or the fixtures it
 * reads), with the fault rules and journal entries (of that tenant).
 */
export async function takeSnapshot(
  parts: { store: LifecycleStore; faults: FaultRuleState; journal: Journal },
  tenant?: string
): Promise<Snapshot> {
  const { store, faults, journal } = parts
  const names = tenant === undefined ? await store.tenants() : [tenant]
  const tenants: Snapshot['tenants'] = {}
  for (const name of names) tenants[name] = fixtureOf(await store.world(name))
  return { version: 1, tenants, faults: await faults.saved(tenant), journal: await journal.saved(tenant) }
}

import type { Finding, PermissionKind, PermissionsRow } from '../../model/control/report.js'
import type { JournalRecord } from '../journal/journal.js'
import type { RouteFacts } from '../request-facts.js'
import { finding, groupBy } from './finding.js'

/** OpenID Connect scopes sign a user in; they are never counted as excess (Dev Proxy leaves them out too). */
const OPENID_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email'])

/** The kind of a token and the permissions it carries: `scp` (delegated) or `roles` (application). */
function grantOf(record: JournalRecord): { kind: PermissionKind; permissions: string[] } | undefined {
  const claims = record.facts.claims
  if (typeof claims?.scp === 'string')
    return { kind: 'delegated', permissions: claims.scp.split(' ').filter((scope) => scope !== '') }
  if (Array.isArray(claims?.roles)) {
    const roles = claims.roles.filter((role): role is string => typeof role === 'string')
    return { kind: 'application', permissions: roles }
  }
  return undefined
}

interface Usage {
  row: PermissionsRow
  records: JournalRecord[]
}

/**
 * Per tenant, application and kind of token: the routes called, the permissions granted, the least-privileged
 * set that covers every call (from the routes' own permission lists) and the excess. Calls to no route, and
 * calls without `scp` or `roles`, are left out.
 */
function usages(records: readonly JournalRecord[], routes: RouteFacts): Usage[] {
  const called = records.filter((record) => record.verdict.route !== null && grantOf(record) !== undefined)
  const groups = groupBy(called, (record) => {
    const { tenant, app } = record.facts
    return JSON.stringify([tenant, app, grantOf(record)?.kind])
  })
  return [...groups.values()].map((group) => {
    const first = group[0] as JournalRecord
    const called = [...new Set(group.map((record) => record.verdict.route ?? ''))].sort()
    const granted = [...new Set(group.flatMap((record) => grantOf(record)?.permissions ?? []))].sort()
    const leastPrivileged = routes.leastPrivileged(called.map((route) => routes.permissionsOf(route)))
    const excess = granted.filter(
      (permission) => !leastPrivileged.includes(permission) && !OPENID_SCOPES.has(permission)
    )
    const { tenant, app } = first.facts
    const kind = grantOf(first)?.kind ?? 'delegated'
    return { row: { tenant, app, kind, routes: called, granted, leastPrivileged, excess }, records: group }
  })
}

const byTenantAppKind = (a: PermissionsRow, b: PermissionsRow) =>
  a.tenant.localeCompare(b.tenant) || a.app.localeCompare(b.app) || a.kind.localeCompare(b.kind)

/**
 * The permissions report (one row per tenant, application and kind of token) and the `excess-permissions`
 * findings: an application whose tokens carry more than the least-privileged set its calls need.
 */
export function permissionsReport(
  records: readonly JournalRecord[],
  routes: RouteFacts
): { rows: PermissionsRow[]; findings: Finding[] } {
  const all = usages(records, routes)
  const findings = all
    .filter(({ row }) => row.excess.length > 0)
    .map(({ row, records: group }) =>
      finding(
        'excess-permissions',
        'warning',
        { tenant: row.tenant, app: row.app, route: null },
        group,
        {
          message: `${row.kind} tokens carry ${row.excess.join(', ')} beyond what the calls made need`,
          advice: `Grant only ${row.leastPrivileged.join(', ')} (${row.kind}): the least-privileged set for the routes called.`
        },
        { kind: row.kind, granted: row.granted, leastPrivileged: row.leastPrivileged, excess: row.excess }
      )
    )
  return { rows: all.map((usage) => usage.row).sort(byTenantAppKind), findings }
}

import {
  type Finding,
  MAX_LISTED_REQUESTS,
  type Report,
  RULES,
  SEVERITIES,
  type UnmatchedGroup
} from '../../model/control/report.js'
import type { Journal, JournalRecord } from '../journal/journal.js'
import { pathOf, type RouteFacts } from '../request-facts.js'
import { denied } from './denied.js'
import { groupBy } from './finding.js'
import { permissionsReport } from './permissions-report.js'
import { collectionReadsWithoutSelect, inventedPageLinks, missingClientRequestIds } from './request-rules.js'
import { retryStorm, retryTooEarly } from './retry-rules.js'

const inOrder = (a: Finding, b: Finding) =>
  SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
  RULES.indexOf(a.rule) - RULES.indexOf(b.rule) ||
  a.tenant.localeCompare(b.tenant) ||
  a.app.localeCompare(b.app) ||
  (a.route ?? '').localeCompare(b.route ?? '') ||
  (a.kind ?? '').localeCompare(b.kind ?? '')

/** Unmatched requests by tenant, method and path, in the order first seen, each with its nearest route. */
function unmatchedGroups(records: readonly JournalRecord[]): UnmatchedGroup[] {
  const unmatched = records.filter((record) => !record.verdict.matched)
  const groups = groupBy(unmatched, (record) => {
    const { tenant, method, url } = record.facts
    return JSON.stringify([tenant, method, pathOf(url)])
  })
  return [...groups.values()].map((group) => {
    const first = group[0] as JournalRecord
    return {
      tenant: first.facts.tenant,
      method: first.facts.method,
      path: pathOf(first.facts.url),
      count: group.length,
      requestIds: group.slice(0, MAX_LISTED_REQUESTS).map((record) => record.facts.requestId),
      nearest: first.verdict.nearest
    }
  })
}

const isoTime = (record: JournalRecord | undefined) =>
  record === undefined ? null : new Date(record.facts.started).toISOString()

/**
 * The verification report over the journal (one tenant's entries, or all): findings about the clients'
 * behaviour, the permissions report and the unmatched requests. Computed on each read from the journal, so it
 * is bounded like the journal and costs the Graph requests nothing.
 */
export async function buildReport(journal: Journal, routes: RouteFacts, tenant?: string): Promise<Report> {
  const records = await journal.records(tenant === undefined ? {} : { tenant })
  const permissions = permissionsReport(records, routes)
  const findings = [
    ...retryTooEarly(records),
    ...retryStorm(records),
    ...inventedPageLinks(records),
    ...missingClientRequestIds(records),
    ...permissions.findings,
    ...denied(records, routes),
    ...collectionReadsWithoutSelect(records, routes)
  ].sort(inOrder)
  const unmatched = unmatchedGroups(records)
  const count = (test: (finding: Finding) => boolean) => findings.filter(test).length
  return {
    summary: {
      requests: records.length,
      unmatched: unmatched.reduce((sum, group) => sum + group.count, 0),
      findings: {
        error: count((finding) => finding.severity === 'error'),
        warning: count((finding) => finding.severity === 'warning'),
        info: count((finding) => finding.severity === 'info')
      },
      rules: Object.fromEntries(RULES.map((rule) => [rule, count((finding) => finding.rule === rule)])),
      from: isoTime(records[0]),
      to: isoTime(records.at(-1)),
      journalSize: journal.capacity,
      dropped: await journal.dropped()
    },
    findings,
    permissions: permissions.rows,
    unmatched
  }
}

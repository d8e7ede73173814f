import { type Finding, MAX_LISTED_REQUESTS, type Rule, type Severity } from '../../model/control/report.js'
import type { JournalRecord } from '../journal/journal.js'
import { pathOf } from '../request-facts.js'

/** Whom a finding is about: a tenant's application, on one route or as a whole. */
export interface Subject {
  tenant: string
  app: string
  route: string | null
}

/** A finding about `records` (its count, and the request ids of the first of them). */
export function finding(
  rule: Rule,
  severity: Severity,
  subject: Subject,
  records: readonly JournalRecord[],
  text: { message: string; advice: string },
  extra: Partial<Finding> = {}
): Finding {
  return {
    rule,
    severity,
    tenant: subject.tenant,
    app: subject.app,
    route: subject.route,
    message: text.message,
    advice: text.advice,
    count: records.length,
    requestIds: records.slice(0, MAX_LISTED_REQUESTS).map((record) => record.facts.requestId),
    ...extra
  }
}

/** The route that served a record, or its method and path when none did. */
export function routeOf(record: JournalRecord): string {
  return record.verdict.route ?? `${record.facts.method} ${pathOf(record.facts.url)}`
}

/** Records grouped by a key, each group in the order given. */
export function groupBy<K>(records: readonly JournalRecord[], keyOf: (record: JournalRecord) => K) {
  const groups = new Map<K, JournalRecord[]>()
  for (const record of records) {
    const key = keyOf(record)
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [record])
    else group.push(record)
  }
  return groups
}

/** Records grouped by tenant, application and route, for findings about one route of one client. */
export function byClientRoute(records: readonly JournalRecord[]): Map<string, JournalRecord[]> {
  return groupBy(records, (record) => `${record.facts.tenant}\n${record.facts.app}\n${routeOf(record)}`)
}

/** The subject of a group made by `byClientRoute`. */
export function clientRoute(record: JournalRecord): Subject {
  return { tenant: record.facts.tenant, app: record.facts.app, route: routeOf(record) }
}

/** `1 request`, `3 requests`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

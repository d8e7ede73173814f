import type { Finding } from '../../model/control/report.js'
import type { JournalRecord } from '../journal/journal.js'
import type { RouteFacts } from '../request-facts.js'
import { byClientRoute, clientRoute, finding, groupBy, plural } from './finding.js'

/**
 * `invented-page-link`: a paging request (`$skiptoken` or `$skip`) whose URL is no `@odata.nextLink` the mock
 * handed out to the tenant, compared as Graph reads URLs (see PageLinks).
 */
export function inventedPageLinks(records: readonly JournalRecord[]): Finding[] {
  const invented = records.filter((record) => record.facts.paging === 'invented')
  return [...byClientRoute(invented).values()].map((group) => {
    const first = group[0] as JournalRecord
    return finding('invented-page-link', 'error', clientRoute(first), group, {
      message: `${plural(group.length, 'paging request')} with a URL the mock never handed out, e.g. ${first.facts.url}`,
      advice:
        'Follow @odata.nextLink exactly as the previous page returned it; never build or edit a $skiptoken or $skip URL.'
    })
  })
}

/** `missing-client-request-id`: Graph requests without a `client-request-id` header, per application. */
export function missingClientRequestIds(records: readonly JournalRecord[]): Finding[] {
  const clients = groupBy(records, (record) => `${record.facts.tenant}\n${record.facts.app}`)
  return [...clients.values()].flatMap((group) => {
    const missing = group.filter((record) => !record.facts.sentClientRequestId)
    const first = missing[0]
    if (first === undefined) return []
    const subject = { tenant: first.facts.tenant, app: first.facts.app, route: null }
    return [
      finding('missing-client-request-id', 'warning', subject, missing, {
        message: `${missing.length} of ${plural(group.length, 'request')} had no client-request-id header`,
        advice:
          'To help Microsoft investigate errors, add the client-request-id header with a unique GUID to each request (the Graph SDKs do).'
      })
    ]
  })
}

function hasSelect(url: string): boolean {
  const start = url.indexOf('?')
  if (start < 0) return false
  return [...new URLSearchParams(url.slice(start + 1)).keys()].some((name) => /^\$?select$/i.test(name))
}

/** `no-select`: successful collection reads without `$select` (information, as in Graph's guidance). */
export function collectionReadsWithoutSelect(
  records: readonly JournalRecord[],
  routes: RouteFacts
): Finding[] {
  const reads = records.filter((record) => {
    const { method, status, url } = record.facts
    const { route, matched } = record.verdict
    return (
      method === 'GET' &&
      status < 300 &&
      matched &&
      route !== null &&
      routes.isCollection(route) &&
      !hasSelect(url)
    )
  })
  return [...byClientRoute(reads).values()].map((group) =>
    finding('no-select', 'info', clientRoute(group[0] as JournalRecord), group, {
      message: `${plural(group.length, 'collection read')} without $select`,
      advice: 'Ask only for the properties you use with $select: Graph sends less and answers sooner.'
    })
  )
}

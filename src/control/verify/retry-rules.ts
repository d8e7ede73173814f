import type { Finding } from '../../model/control/report.js'
import type { JournalRecord } from '../journal/journal.js'
import { pathOf } from '../request-facts.js'
import { byClientRoute, clientRoute, finding, groupBy, plural } from './finding.js'

/** Clock noise allowed between the mock's timing of an answer and of the request after it. */
export const TOLERANCE_MS = 5
/** `retry-storm`: more than this many retries of one request within the window. */
const STORM_RETRIES = 5
const STORM_WINDOW_MS = 10_000

const endOf = (record: JournalRecord) => record.facts.started + record.facts.duration
const byStart = (a: JournalRecord, b: JournalRecord) => a.facts.started - b.facts.started

/**
 * `retry-too-early`: a request of the same tenant and app to a route that answered 429 or 503 with `Retry-After`,
 * sent after that answer arrived and before its seconds had passed. Requests sent while the throttled one was
 * still in flight do not count.
 */
export function retryTooEarly(records: readonly JournalRecord[]): Finding[] {
  const findings: Finding[] = []
  for (const group of byClientRoute(records).values()) {
    const early = new Map<JournalRecord, JournalRecord[]>()
    // Throttled answers not yet received when the current request was sent, and the latest wait of those received.
    let inFlight: JournalRecord[] = []
    let wait: { throttled: JournalRecord; until: number } | undefined
    for (const record of [...group].sort(byStart)) {
      const sent = record.facts.started
      const stillInFlight: JournalRecord[] = []
      for (const throttled of inFlight) {
        if (endOf(throttled) > sent + TOLERANCE_MS) stillInFlight.push(throttled)
        else {
          const until = endOf(throttled) + (throttled.facts.retryAfter ?? 0) * 1000 - TOLERANCE_MS
          if (wait === undefined || until > wait.until) wait = { throttled, until }
        }
      }
      inFlight = stillInFlight
      if (wait !== undefined && sent < wait.until) {
        const retries = early.get(wait.throttled)
        if (retries === undefined) early.set(wait.throttled, [record])
        else retries.push(record)
      }
      if (record.facts.retryAfter !== undefined) inFlight.push(record)
    }
    for (const [throttled, retries] of early) {
      const { status, retryAfter } = throttled.facts
      const soonest = (retries[0]?.facts.started ?? 0) - endOf(throttled)
      findings.push(
        finding('retry-too-early', 'error', clientRoute(throttled), [throttled, ...retries], {
          message:
            `${plural(retries.length, 'request')} sent before the Retry-After of a ${status} had passed ` +
            `(it asked for ${retryAfter} s; the first came after ${Math.max(0, Math.round(soonest))} ms)`,
          advice:
            'Wait the Retry-After seconds before calling the route again, as the Graph SDKs’ RetryHandler does.'
        })
      )
    }
  }
  return findings
}

const failed = (record: JournalRecord) => record.facts.status >= 400

/**
 * One logical request: the same `client-request-id` when the client sent one (retries keep it, as the SDKs do);
 * else the same method and URL (and, below, the same body).
 */
function identity(record: JournalRecord): string {
  const { tenant, app, method, url, sentClientRequestId, clientRequestId } = record.facts
  const client = `${tenant}\n${app}\n`
  return sentClientRequestId ? `id\n${client}${clientRequestId}` : `url\n${client}${method} ${url}`
}

/** A group of the same method and URL split by body (built only for groups with enough failures to storm). */
function sameRequests(identity: string, group: JournalRecord[]): JournalRecord[][] {
  if (identity.startsWith('id\n')) return [group]
  return [...groupBy(group, (record) => JSON.stringify(record.entry.requestBody)).values()]
}

/** The most retries within any window of STORM_WINDOW_MS, and which they are. */
function densest(retries: readonly JournalRecord[]): JournalRecord[] {
  let best = { first: 0, length: 0 }
  let first = 0
  for (let last = 0; last < retries.length; last++) {
    const end = retries[last]?.facts.started ?? 0
    while ((retries[first]?.facts.started ?? end) < end - STORM_WINDOW_MS) first++
    if (last - first + 1 > best.length) best = { first, length: last - first + 1 }
  }
  return retries.slice(best.first, best.first + best.length)
}

/**
 * `retry-storm`: more than 5 retries of one request within 10 s. A retry is a request sent again after its
 * previous attempt failed (status 400 or above).
 */
export function retryStorm(records: readonly JournalRecord[]): Finding[] {
  const findings: Finding[] = []
  for (const [key, group] of groupBy(records, identity)) {
    // Each retry follows a failure: without more than STORM_RETRIES failures there is no storm.
    if (group.filter(failed).length <= STORM_RETRIES) continue
    for (const sameRequest of sameRequests(key, group)) {
      const ordered = [...sameRequest].sort(byStart)
      const retries = ordered.filter((_, index) => {
        const previous = ordered[index - 1]
        return previous !== undefined && failed(previous)
      })
      const storm = densest(retries)
      if (storm.length <= STORM_RETRIES) continue
      const first = storm[0] as JournalRecord
      findings.push(
        finding('retry-storm', 'error', clientRoute(first), storm, {
          message: `${storm.length} retries of one ${first.facts.method} ${pathOf(first.facts.url)} within ${STORM_WINDOW_MS / 1000} s`,
          advice:
            'Retry a failed request a few times at most, with exponential backoff and Retry-After, as the Graph SDKs do.'
        })
      )
    }
  }
  return findings
}

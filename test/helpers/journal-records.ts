import { Journal, type JournalFacts, type JournalRecord } from '../../src/control/journal/journal.js'
import type { JournalEntry } from '../../src/model/control/journal-entry.js'

/** Journal records made up for unit tests of the journal and the findings: facts as the hook takes them. */

export const START = Date.UTC(2026, 0, 1)

/** The facts of request number `index`: one a second from START, a GET that matched. */
export function facts(index: number, overrides: Partial<JournalFacts> = {}): JournalFacts {
  return {
    tenant: 't',
    app: 'app',
    started: START + index * 1000,
    duration: 1,
    method: 'GET',
    url: `/beta/item/${index}`,
    status: 200,
    requestId: `r${index}`,
    clientRequestId: `r${index}`,
    sentClientRequestId: false,
    routed: '/beta/item/:id',
    retryAfter: undefined,
    paging: undefined,
    claims: undefined,
    batch: null,
    ...overrides
  }
}

export function entryOf(facts: JournalFacts): JournalEntry {
  return {
    time: new Date(facts.started).toISOString(),
    method: facts.method,
    path: facts.url,
    query: {},
    status: facts.status,
    duration: facts.duration,
    'request-id': facts.requestId,
    'client-request-id': facts.clientRequestId,
    batch: facts.batch,
    claims: null,
    headers: {},
    requestBody: null,
    responseBody: null,
    matched: facts.routed !== undefined,
    nearest: null
  }
}

export function journalOf(capacity: number): Journal {
  return new Journal(capacity, (facts) => ({
    matched: facts.routed !== undefined,
    route: facts.routed === undefined ? null : `${facts.method} ${facts.routed}`,
    nearest: null
  }))
}

export function add(
  journal: Journal,
  index: number,
  overrides: Partial<JournalFacts> = {},
  entry: Partial<JournalEntry> = {}
): JournalRecord {
  const made = facts(index, overrides)
  return journal.add(made, { ...entryOf(made), ...entry })
}

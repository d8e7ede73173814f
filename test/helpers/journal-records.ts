import {
  type Classify,
  type Journal,
  type JournalFacts,
  JournalRecord
} from '../../src/control/journal/journal.js'
import { MemoryJournal } from '../../src/control/journal/memory-journal.js'
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

/** What the route table would say: a request with a route pattern matched it. */
export const CLASSIFY: Classify = (facts) => ({
  matched: facts.routed !== undefined,
  route: facts.routed === undefined ? null : `${facts.method} ${facts.routed}`,
  nearest: null
})

export function journalOf(capacity: number): MemoryJournal {
  return new MemoryJournal(capacity, CLASSIFY)
}

/** Journals made-up request number `index`; resolved once it is there. */
export function add(
  journal: Journal,
  index: number,
  overrides: Partial<JournalFacts> = {},
  entry: Partial<JournalEntry> = {}
): Promise<void> {
  const made = facts(index, overrides)
  return journal.add(made, () => ({ ...entryOf(made), ...entry }))
}

/** Records in a plain list, for the findings, which read arrays of records. */
export class RecordList {
  readonly #records: JournalRecord[] = []

  /** Adds made-up request number `index`, as `add` does to a journal. */
  add(
    index: number,
    overrides: Partial<JournalFacts> = {},
    entry: Partial<JournalEntry> = {}
  ): JournalRecord {
    const made = facts(index, overrides)
    const record = new JournalRecord(this.#records.length + 1, made, { ...entryOf(made), ...entry }, CLASSIFY)
    this.#records.push(record)
    return record
  }

  records(): JournalRecord[] {
    return [...this.#records]
  }
}

import type { RouteVerdict } from '../../model/control/journal-entry.js'
import { type JournalFacts, JournalRecord } from './journal.js'

/** A journal stream entry as ioredis returns it: its id (`<seq>-0`) and its fields, flat. */
export type StreamItem = [id: string, fields: string[]]

interface Settled {
  facts: JournalFacts
  verdict: RouteVerdict
}

/** The seq of a stream entry id. */
export function seqOf(id: string): number {
  return Number.parseInt(id, 10)
}

/** A stream entry as a record: its facts and verdict read now, its entry parsed when first asked for. */
export function recordOf([id, fields]: StreamItem): JournalRecord {
  const { facts, verdict } = JSON.parse(fields[3] ?? '{}') as Settled
  const entry = fields[5] ?? '{}'
  return new JournalRecord(
    seqOf(id),
    facts,
    () => JSON.parse(entry),
    () => verdict
  )
}

/** The stream fields' values of a request: its tenant, its facts with the verdict, its entry, each serialised. */
export function fieldsOf(facts: JournalFacts, verdict: RouteVerdict, entry: unknown): string[] {
  return [facts.tenant, JSON.stringify({ facts, verdict } satisfies Settled), JSON.stringify(entry)]
}

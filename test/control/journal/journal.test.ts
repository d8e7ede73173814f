import { describe, expect, it } from 'vitest'
import type { JournalEntry } from '../../../src/model/control/journal-entry.js'
import { add, entryOf, facts, journalOf } from '../../helpers/journal-records.js'

const ids = (entries: JournalEntry[]) => entries.map((item) => item['request-id'])

describe('Journal', () => {
  it('keeps the newest entries up to its capacity, oldest first, counting those it dropped', () => {
    const journal = journalOf(3)
    for (let index = 0; index < 10; index++) add(journal, index)
    expect(journal.size).toBe(3)
    expect(journal.dropped).toBe(7)
    expect(ids(journal.list())).toEqual(['r7', 'r8', 'r9'])
  })

  it('clears one tenant and keeps the order and the bound of the others', () => {
    const journal = journalOf(4)
    for (let index = 0; index < 6; index++) add(journal, index, { tenant: index % 2 === 0 ? 'a' : 'b' })
    journal.clear('a')
    expect(ids(journal.list())).toEqual(['r3', 'r5'])
    for (let index = 6; index < 9; index++) add(journal, index, { tenant: 'b' })
    expect(ids(journal.list())).toEqual(['r5', 'r6', 'r7', 'r8'])
    journal.clear()
    expect(journal.list()).toEqual([])
    expect(journal.dropped).toBe(0)
  })

  it('limits to the newest matches, and filters by time', () => {
    const journal = journalOf(10)
    for (let index = 0; index < 6; index++) add(journal, index, { status: index % 2 ? 429 : 200 })
    expect(ids(journal.list({ status: 429, limit: 2 }))).toEqual(['r3', 'r5'])
    expect(ids(journal.list({ since: '2026-01-01T00:00:04.0000000Z' }))).toEqual(['r4', 'r5'])
  })

  it("filters the requests of one batch by the batch's request-id", () => {
    const journal = journalOf(10)
    add(journal, 0, { batch: { requestId: 'b1', id: '1' } })
    add(journal, 1, { batch: { requestId: 'b2', id: '1' } })
    add(journal, 2, { batch: { requestId: 'b1', id: '2' } })
    add(journal, 3)
    expect(ids(journal.list({ batch: 'b1' }))).toEqual(['r0', 'r2'])
    expect(ids(journal.list({ batch: 'r3' }))).toEqual([])
  })

  it('filters by matched, request id, client request id and app, and counts what it filters', () => {
    const journal = journalOf(10)
    add(journal, 0, { routed: undefined, app: 'other' })
    add(journal, 1, { clientRequestId: 'mine', sentClientRequestId: true })
    add(journal, 2, { routed: undefined })
    expect(ids(journal.list({ matched: false }))).toEqual(['r0', 'r2'])
    expect(ids(journal.list({ matched: true }))).toEqual(['r1'])
    expect(ids(journal.list({ requestId: 'r2' }))).toEqual(['r2'])
    expect(ids(journal.list({ clientRequestId: 'mine' }))).toEqual(['r1'])
    expect(ids(journal.list({ app: 'other' }))).toEqual(['r0'])
    expect(journal.count({ matched: false, app: 'app' })).toBe(1)
    expect(journal.count()).toBe(3)
  })

  it('numbers its records, lists those after a number, and tells listeners about each new one', () => {
    const journal = journalOf(3)
    const heard: number[] = []
    const stop = journal.subscribe((record) => heard.push(record.seq))
    for (let index = 0; index < 4; index++) add(journal, index)
    stop()
    add(journal, 4)
    expect(heard).toEqual([1, 2, 3, 4])
    expect(journal.after(3).map((record) => record.seq)).toEqual([4, 5])
  })

  it('with capacity 0 keeps nothing', () => {
    const journal = journalOf(0)
    add(journal, 0)
    expect(journal.size).toBe(0)
    expect(journal.list()).toEqual([])
  })

  it('builds a deferred entry once, with the verdict on its route', () => {
    const journal = journalOf(2)
    let builds = 0
    const record = journal.add(facts(0, { routed: undefined }), (verdict) => {
      builds++
      return { ...entryOf(facts(0)), matched: verdict.matched }
    })
    expect(record.entry.matched).toBe(false)
    expect(record.entry).toBe(record.entry)
    expect(builds).toBe(1)
  })
})

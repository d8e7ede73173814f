import { describe, expect, it } from 'vitest'
import { Journal } from '../../../src/control/journal/journal.js'
import type { JournalEntry } from '../../../src/model/control/journal-entry.js'

function entry(index: number, overrides: Partial<JournalEntry> = {}): JournalEntry {
  return {
    time: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
    method: 'GET',
    path: `/beta/item/${index}`,
    query: {},
    status: 200,
    duration: 1,
    'request-id': `r${index}`,
    'client-request-id': `r${index}`,
    batch: null,
    claims: null,
    headers: {},
    requestBody: null,
    responseBody: null,
    ...overrides
  }
}

const ids = (entries: JournalEntry[]) => entries.map((item) => item['request-id'])

describe('Journal', () => {
  it('keeps the newest entries up to its capacity, oldest first', () => {
    const journal = new Journal(3)
    for (let index = 0; index < 10; index++) journal.add('t', entry(index))
    expect(journal.size).toBe(3)
    expect(ids(journal.list())).toEqual(['r7', 'r8', 'r9'])
  })

  it('clears one tenant and keeps the order and the bound of the others', () => {
    const journal = new Journal(4)
    for (let index = 0; index < 6; index++) journal.add(index % 2 === 0 ? 'a' : 'b', entry(index))
    journal.clear('a')
    expect(ids(journal.list())).toEqual(['r3', 'r5'])
    for (let index = 6; index < 9; index++) journal.add('b', entry(index))
    expect(ids(journal.list())).toEqual(['r5', 'r6', 'r7', 'r8'])
    journal.clear()
    expect(journal.list()).toEqual([])
  })

  it('limits to the newest matches', () => {
    const journal = new Journal(10)
    for (let index = 0; index < 6; index++) journal.add('t', entry(index, { status: index % 2 ? 429 : 200 }))
    expect(ids(journal.list({ status: 429, limit: 2 }))).toEqual(['r3', 'r5'])
    expect(ids(journal.list({ since: '2026-01-01T00:00:04.0000000Z' }))).toEqual(['r4', 'r5'])
  })

  it("filters the requests of one batch by the batch's request-id", () => {
    const journal = new Journal(10)
    journal.add('t', entry(0, { batch: { requestId: 'b1', id: '1' } }))
    journal.add('t', entry(1, { batch: { requestId: 'b2', id: '1' } }))
    journal.add('t', entry(2, { batch: { requestId: 'b1', id: '2' } }))
    journal.add('t', entry(3))
    expect(ids(journal.list({ batch: 'b1' }))).toEqual(['r0', 'r2'])
    expect(ids(journal.list({ batch: 'r3' }))).toEqual([])
  })
})

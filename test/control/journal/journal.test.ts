import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import type { Journal, JournalRecord } from '../../../src/control/journal/journal.js'
import type { JournalQuery } from '../../../src/model/control/journal-entry.js'
import { bothBackends } from '../../helpers/backends.js'
import { add, entryOf, facts, journalOf } from '../../helpers/journal-records.js'

const ids = (records: JournalRecord[]) => records.map((record) => record.entry['request-id'])
const list = async (journal: Journal, query: JournalQuery = {}) => ids(await journal.records(query))

/** Waits (bounded) until `test` holds: Redis delivers to listeners from another connection. */
async function until(test: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !test(); attempt++) await sleep(10)
}

describe.each(bothBackends())('Journal ($name)', (backend) => {
  it('keeps the newest entries up to its capacity, oldest first, counting those it dropped', async () => {
    const journal = await backend.journal(3)
    for (let index = 0; index < 10; index++) await add(journal, index)
    expect(await list(journal)).toEqual(['r7', 'r8', 'r9'])
    expect(await journal.dropped()).toBe(7)
  })

  it('clears one tenant and keeps the order and the bound of the others', async () => {
    const journal = await backend.journal(4)
    for (let index = 0; index < 6; index++) await add(journal, index, { tenant: index % 2 === 0 ? 'a' : 'b' })
    await journal.clear('a')
    expect(await list(journal)).toEqual(['r3', 'r5'])
    for (let index = 6; index < 9; index++) await add(journal, index, { tenant: 'b' })
    expect(await list(journal)).toEqual(['r5', 'r6', 'r7', 'r8'])
    await journal.clear()
    expect(await journal.records()).toEqual([])
    expect(await journal.dropped()).toBe(0)
  })

  it('limits to the newest matches, and filters by time', async () => {
    const journal = await backend.journal(10)
    for (let index = 0; index < 6; index++) await add(journal, index, { status: index % 2 ? 429 : 200 })
    expect(await list(journal, { status: 429, limit: 2 })).toEqual(['r3', 'r5'])
    expect(await list(journal, { since: '2026-01-01T00:00:04.0000000Z' })).toEqual(['r4', 'r5'])
  })

  it("filters the requests of one batch by the batch's request-id", async () => {
    const journal = await backend.journal(10)
    await add(journal, 0, { batch: { requestId: 'b1', id: '1' } })
    await add(journal, 1, { batch: { requestId: 'b2', id: '1' } })
    await add(journal, 2, { batch: { requestId: 'b1', id: '2' } })
    await add(journal, 3)
    expect(await list(journal, { batch: 'b1' })).toEqual(['r0', 'r2'])
    expect(await list(journal, { batch: 'r3' })).toEqual([])
  })

  it('filters by matched, request id, client request id and app', async () => {
    const journal = await backend.journal(10)
    await add(journal, 0, { routed: undefined, app: 'other' })
    await add(journal, 1, { clientRequestId: 'mine', sentClientRequestId: true })
    await add(journal, 2, { routed: undefined })
    expect(await list(journal, { matched: false })).toEqual(['r0', 'r2'])
    expect(await list(journal, { matched: true })).toEqual(['r1'])
    expect(await list(journal, { requestId: 'r2' })).toEqual(['r2'])
    expect(await list(journal, { clientRequestId: 'mine' })).toEqual(['r1'])
    expect(await list(journal, { app: 'other' })).toEqual(['r0'])
    expect(await list(journal, { matched: false, app: 'app' })).toEqual(['r2'])
  })

  it('keeps the facts the findings read and the verdict on the route', async () => {
    const journal = await backend.journal(10)
    const claims = { tid: 't', roles: ['A.Read'], exp: 1 }
    await add(journal, 0, { claims, retryAfter: 3, paging: 'invented', started: Date.UTC(2026, 0, 1) + 0.25 })
    const [record] = await journal.records()
    expect(record?.facts).toEqual(
      facts(0, { claims, retryAfter: 3, paging: 'invented', started: Date.UTC(2026, 0, 1) + 0.25 })
    )
    expect(record?.verdict).toEqual({ matched: true, route: 'GET /beta/item/:id', nearest: null })
  })

  it('numbers its records, lists those after a number, and tells listeners about each new one', async () => {
    const journal = await backend.journal(10)
    await add(journal, 0)
    const heard: number[] = []
    const stop = await journal.subscribe(
      (record) => heard.push(record.seq),
      () => undefined
    )
    for (let index = 1; index < 5; index++) await add(journal, index)
    await until(() => heard.length === 4)
    stop()
    expect(heard).toEqual([2, 3, 4, 5])
    expect((await journal.after(3)).map((record) => record.seq)).toEqual([4, 5])
  })

  it('with capacity 0 keeps nothing', async () => {
    const journal = await backend.journal(0)
    await add(journal, 0)
    expect(await journal.records()).toEqual([])
  })

  it('saves every request whole, or one tenant’s, and restores them numbered afresh', async () => {
    const journal = await backend.journal(5)
    for (let index = 0; index < 4; index++) await add(journal, index, { tenant: index < 2 ? 'a' : 'b' })
    const saved = await journal.saved()
    expect(saved.map(({ entry }) => entry['request-id'])).toEqual(['r0', 'r1', 'r2', 'r3'])
    expect(saved[0]).toEqual({
      facts: facts(0, { tenant: 'a' }),
      route: 'GET /beta/item/:id',
      entry: entryOf(facts(0, { tenant: 'a' }))
    })
    expect((await journal.saved('b')).map(({ facts }) => facts.requestId)).toEqual(['r2', 'r3'])

    await journal.restore(saved.slice(0, 1), 'b')
    expect(await list(journal)).toEqual(['r0', 'r1', 'r0'])
    await journal.restore(saved)
    expect(await list(journal)).toEqual(['r0', 'r1', 'r2', 'r3'])
    const [first] = await journal.records()
    expect(first?.seq).toBeGreaterThan(4)
    expect(first?.stored()).toEqual(saved[0])
  })
})

describe('MemoryJournal', () => {
  it('builds an entry when it is first read, once, with the verdict on its route', async () => {
    const journal = journalOf(2)
    let builds = 0
    await journal.add(facts(0, { routed: undefined }), (verdict) => {
      builds++
      return { ...entryOf(facts(0)), matched: verdict.matched }
    })
    expect(builds).toBe(0)
    const [record] = await journal.records()
    expect(record?.entry.matched).toBe(false)
    expect(record?.entry).toBe(record?.entry)
    expect(builds).toBe(1)
  })
})

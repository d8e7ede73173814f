import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BatchResponseItem } from '../../../src/model/batch.js'
import type { JournalEntry } from '../../../src/model/control/journal-entry.js'
import { DEFAULT_TOKEN_TENANT } from '../../../src/model/token.js'
import { type HostileBatch, hostileBatch } from '../../helpers/arbitraries/batch-body.js'
import { type BatchServer, batchServer } from '../../helpers/batch.js'
import { journal } from '../../helpers/control.js'
import { bearer, READ } from '../../helpers/graph-server.js'
import {
  changedRecords,
  expectPrototypesUntouched,
  expectValidRecords,
  SEED,
  SPEC_CODES,
  snapshot
} from '../../helpers/property-checks.js'

const OTHER_TENANT = 'fuzz-tenant'
const callers = fc.constantFrom(
  { authorization: bearer(), tenant: DEFAULT_TOKEN_TENANT },
  { authorization: bearer({ scopes: [READ] }), tenant: DEFAULT_TOKEN_TENANT },
  { authorization: bearer({ tenant: OTHER_TENANT }), tenant: OTHER_TENANT }
)
// What a request inside may answer besides the SPEC's statuses: 424 for a failed dependency.
const ITEM_CODES: Record<number, string[]> = { ...SPEC_CODES, 424: ['FailedDependency'] }

/** Each answer inside: a 2xx, or Graph's envelope with a known status and code, under a Content-Type. */
function expectItem(item: BatchResponseItem): void {
  if (item.status < 300) return
  expect(Object.keys(ITEM_CODES)).toContain(String(item.status))
  expect(item.headers['Content-Type']).toMatch(/^application\/json/)
  expect(ITEM_CODES[item.status]).toContain((item.body as { error: { code: string } }).error.code)
}

/** The records a batch may change: those its successful PATCHes answered with. */
function writtenIds(batch: HostileBatch, items: BatchResponseItem[]): Set<string> {
  const written = items.filter(
    (item, index) => item.status === 200 && String(batch.methods[index]).toUpperCase() === 'PATCH'
  )
  return new Set(written.map((item) => (item.body as { id: string }).id))
}

/**
 * One journal entry per request that ran, in order; none for a 424, which never ran. A request the router
 * refuses before the Graph scope (a malformed URL, a path parameter over maxParamLength) gets a 400 and is not
 * journaled, alone or in a batch.
 */
function expectJournaled(items: BatchResponseItem[], entries: JournalEntry[]): void {
  const journaled = entries.map((entry) => entry.batch?.id)
  const ran = items.filter((item) => item.status !== 424)
  expect(journaled).toEqual(ran.map((item) => item.id).filter((id) => journaled.includes(id)))
  for (const item of ran.filter(({ id }) => !journaled.includes(id))) expect(item.status).toBe(400)
}

describe('hostile $batch bodies through inject()', () => {
  let server: BatchServer
  beforeAll(async () => {
    server = await batchServer({ journalSize: 100_000 })
  })
  afterAll(async () => {
    await server.app.close()
  })

  it('answer 200 or a Graph 400, never a 500; change only what a successful PATCH wrote; journal what ran', async () => {
    const outcomes = new Map<string, number>()
    const count = (outcome: string) => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
    await fc.assert(
      fc.asyncProperty(hostileBatch, callers, async (batch, caller) => {
        const tenants = [DEFAULT_TOKEN_TENANT, OTHER_TENANT]
        const before = await snapshot(server, tenants)
        const response = await server.batch(batch.text, { authorization: caller.authorization })
        count(`batch ${response.statusCode}`)
        expect(response.headers['content-type']).toMatch(/^application\/json/)
        const after = await snapshot(server, tenants)
        const changed = changedRecords(before, after)
        const requestId = String(response.headers['request-id'])
        const ran = await journal(server.app, `?batch=${requestId}`)
        if (response.statusCode === 400) {
          expect(response.json().error.code).toBe('BadRequest')
          expect(changed).toEqual([])
          expect(ran).toEqual([])
          return
        }
        expect(response.statusCode).toBe(200)
        const items: BatchResponseItem[] = response.json().responses
        expect(items).toHaveLength(batch.methods.length)
        for (const item of items) {
          count(`item ${item.status}`)
          expectItem(item)
        }
        const written = writtenIds(batch, items)
        if (changed.length > 0) count('write')
        for (const { tenant, id } of changed) {
          expect(tenant).toBe(caller.tenant)
          expect(written).toContain(id)
        }
        expectJournaled(items, ran)
        expectValidRecords(after)
        expectPrototypesUntouched()
      }),
      { seed: SEED, numRuns: 300 }
    )
    // The generator must reach both sides: batches that run (writes, failed dependencies) and whole refusals.
    for (const outcome of ['write', 'batch 200', 'batch 400', 'item 200', 'item 400', 'item 403', 'item 424'])
      expect(outcomes.get(outcome) ?? 0).toBeGreaterThanOrEqual(3)
  })
})

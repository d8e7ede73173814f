import { describe, expect, it } from 'vitest'
import type { UserProcessingResult } from '../../src/model/user-processing-result.js'
import { MemoryStore } from '../../src/store/memory-store.js'
import { TenantLimitError } from '../../src/store/tenant-limit.js'
import { bothBackends } from '../helpers/backends.js'

function record(id: string, overrides: Partial<UserProcessingResult> = {}): UserProcessingResult {
  return {
    id,
    completedDateTime: null,
    failedTasksCount: 0,
    processingStatus: 'queued',
    scheduledDateTime: '2026-11-28T10:00:00Z',
    startedDateTime: null,
    totalTasksCount: 1,
    totalUnprocessedTasksCount: 1,
    workflowExecutionType: 'scheduled',
    workflowVersion: 1,
    subject: { id: `user-${id}` },
    ...overrides
  }
}

const ids = (records: readonly UserProcessingResult[]) => records.map((entry) => entry.id)

describe.each(bothBackends())('the store ($name)', (backend) => {
  it('gets by id and lists a tenant', async () => {
    const store = await backend.store([record('a'), record('b')])
    expect(await store.get('t', 'a')).toEqual(record('a'))
    expect(await store.get('t', 'zzz')).toBeUndefined()
    expect(ids(await store.list('t'))).toEqual(['a', 'b'])
  })

  it('merges a patch and returns the whole new record, undefined for an unknown id', async () => {
    const store = await backend.store([record('a')])
    const changes = { processingStatus: 'completed', completedDateTime: '2026-11-28T11:00:00Z' } as const
    const updated = await store.patch('t', 'a', changes)
    expect(updated).toEqual(record('a', changes))
    expect(await store.get('t', 'a')).toEqual(updated)
    expect(await store.patch('t', 'nope', { workflowVersion: 2 })).toBeUndefined()
    expect(ids(await store.list('t'))).toEqual(['a'])
  })

  it('clears a nullable property with null and keeps a subject with all its properties', async () => {
    const subject = { id: 'u', displayName: 'Ünïcode / "quoted"', city: null, accountEnabled: true }
    const store = await backend.store([record('a', { startedDateTime: '2026-11-28T10:00:05Z', subject })])
    const updated = await store.patch('t', 'a', { startedDateTime: null, failedTasksCount: -2147483648 })
    expect(updated).toEqual(record('a', { subject, failedTasksCount: -2147483648 }))
    expect(await store.list('t')).toEqual([updated])
  })

  it('keeps tenants apart, copying the seed only on a tenant’s first write', async () => {
    const store = await backend.store([record('a')])
    expect(await store.patch('t0', 'nope', { workflowVersion: 2 })).toBeUndefined()
    expect(await store.tenants()).toEqual([])
    await store.patch('t1', 'a', { workflowVersion: 2 })
    expect((await store.get('t1', 'a'))?.workflowVersion).toBe(2)
    expect((await store.get('t2', 'a'))?.workflowVersion).toBe(1)
    expect(await store.tenants()).toEqual(['t1'])
  })

  it('replaces, upserts and resets one tenant or all', async () => {
    const store = await backend.store([record('a')])
    await store.replace('t1', [record('x')])
    await store.upsert('t2', [record('a', { workflowVersion: 5 }), record('y')])
    expect(ids(await store.list('t1'))).toEqual(['x'])
    expect((await store.list('t2')).map((entry) => [entry.id, entry.workflowVersion])).toEqual([
      ['a', 5],
      ['y', 1]
    ])
    await store.reset('t1')
    expect(ids(await store.list('t1'))).toEqual(['a'])
    expect(ids(await store.list('t2'))).toEqual(['a', 'y'])
    expect(await store.tenants()).toEqual(['t2'])
    await store.reset()
    expect(ids(await store.list('t2'))).toEqual(['a'])
    expect(await store.tenants()).toEqual([])
  })

  it('keeps the order of records: a patch keeps its place, an upsert adds new ones last', async () => {
    const store = await backend.store([record('a'), record('b'), record('c')])
    await store.patch('t', 'b', { workflowVersion: 3 })
    await store.upsert('t', [record('d'), record('a', { workflowVersion: 4 })])
    expect(ids(await store.list('t'))).toEqual(['a', 'b', 'c', 'd'])
    await store.replace('t', [record('z'), record('b')])
    await store.upsert('t', [record('y')])
    expect(ids(await store.list('t'))).toEqual(['z', 'b', 'y'])
  })

  it('gives at most --max-tenants tenants a copy: a new one past it is refused, changing nothing', async () => {
    const store = await backend.store([record('a')], { maxTenants: 2 })
    await store.patch('t1', 'a', { workflowVersion: 2 })
    await store.upsert('t2', [record('b')])
    const refusals = [
      () => store.patch('t3', 'a', { workflowVersion: 3 }),
      () => store.upsert('t3', [record('c')]),
      () => store.replace('t3', []),
      () => store.replaceWorld('t3', { workflows: [], results: [], details: new Map() })
    ]
    for (const refused of refusals) await expect(refused()).rejects.toThrow(TenantLimitError)
    expect((await store.tenants()).sort()).toEqual(['t1', 't2'])
    expect((await store.get('t3', 'a'))?.workflowVersion).toBe(1)
    await store.patch('t1', 'a', { workflowVersion: 4 })
    expect((await store.get('t1', 'a'))?.workflowVersion).toBe(4)
    await store.reset('t2')
    await store.patch('t3', 'a', { workflowVersion: 3 })
    expect((await store.tenants()).sort()).toEqual(['t1', 't3'])
  })

  it('restores worlds: every tenant, or one, back to the seed and then to its world', async () => {
    const store = await backend.store([record('a')], { maxTenants: 2 })
    await store.patch('t1', 'a', { workflowVersion: 2 })
    await store.patch('t2', 'a', { workflowVersion: 3 })
    const world = { ...(await store.world('t2')), results: [record('r')] }
    await store.restore(new Map([['t3', world]]))
    expect(await store.tenants()).toEqual(['t3'])
    expect(ids(await store.list('t3'))).toEqual(['r'])
    expect((await store.get('t1', 'a'))?.workflowVersion).toBe(1)

    await store.restore(
      new Map([
        ['t1', world],
        ['t3', world]
      ]),
      't1'
    )
    expect((await store.tenants()).sort()).toEqual(['t1', 't3'])
    await store.restore(new Map(), 't3')
    expect(await store.tenants()).toEqual(['t1'])

    const three = new Map([
      ['x', world],
      ['y', world],
      ['z', world]
    ])
    await expect(store.restore(three)).rejects.toThrow(TenantLimitError)
    expect(await store.tenants()).toEqual(['t1'])
  })
})

describe('MemoryStore', () => {
  it('never mutates a record a reader holds (old or new, never a mix)', async () => {
    const store = new MemoryStore([record('a')])
    const held = await store.get('t', 'a')
    await store.patch('t', 'a', { workflowVersion: 2, failedTasksCount: 1 })
    expect(held).toMatchObject({ workflowVersion: 1, failedTasksCount: 0 })
    expect(Object.isFrozen(held)).toBe(true)
    expect(Object.isFrozen(held?.subject)).toBe(true)
  })

  it('does not keep a reference to the seed or to upserted objects', async () => {
    const seed = [record('a')]
    const store = new MemoryStore(seed)
    seed[0] = record('a', { workflowVersion: 9 })
    const upserted = record('b')
    await store.upsert('t', [upserted])
    upserted.workflowVersion = 9
    expect((await store.get('t', 'a'))?.workflowVersion).toBe(1)
    expect((await store.get('t', 'b'))?.workflowVersion).toBe(1)
  })
})

import { describe, expect, it } from 'vitest'
import type { UserProcessingResult } from '../../src/model/user-processing-result.js'
import { MemoryStore } from '../../src/store/memory-store.js'

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

describe('MemoryStore', () => {
  it('gets by id and lists a tenant', async () => {
    const store = new MemoryStore([record('a'), record('b')])
    expect((await store.get('t', 'a'))?.id).toBe('a')
    expect(await store.get('t', 'zzz')).toBeUndefined()
    expect((await store.list('t')).map((entry) => entry.id)).toEqual(['a', 'b'])
  })

  it('merges a patch and returns the new record, undefined for an unknown id', async () => {
    const store = new MemoryStore([record('a')])
    const updated = await store.patch('t', 'a', {
      processingStatus: 'completed',
      completedDateTime: '2026-11-28T11:00:00Z'
    })
    expect(updated).toMatchObject({ id: 'a', processingStatus: 'completed', totalTasksCount: 1 })
    expect(await store.patch('t', 'nope', { workflowVersion: 2 })).toBeUndefined()
    expect((await store.list('t')).map((entry) => entry.id)).toEqual(['a'])
  })

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

  it('keeps tenants apart, copying the seed only on a tenant’s first write', async () => {
    const store = new MemoryStore([record('a')])
    await store.patch('t1', 'a', { workflowVersion: 2 })
    expect((await store.get('t1', 'a'))?.workflowVersion).toBe(2)
    expect((await store.get('t2', 'a'))?.workflowVersion).toBe(1)
  })

  it('replaces, upserts and resets one tenant or all', async () => {
    const store = new MemoryStore([record('a')])
    await store.replace('t1', [record('x')])
    await store.upsert('t2', [record('a', { workflowVersion: 5 }), record('y')])
    expect((await store.list('t1')).map((entry) => entry.id)).toEqual(['x'])
    expect((await store.list('t2')).map((entry) => [entry.id, entry.workflowVersion])).toEqual([
      ['a', 5],
      ['y', 1]
    ])
    await store.reset('t1')
    expect((await store.list('t1')).map((entry) => entry.id)).toEqual(['a'])
    expect((await store.list('t2')).map((entry) => entry.id)).toEqual(['a', 'y'])
    await store.reset()
    expect((await store.list('t2')).map((entry) => entry.id)).toEqual(['a'])
  })
})

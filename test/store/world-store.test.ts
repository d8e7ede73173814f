import { describe, expect, it } from 'vitest'
import type { LifecycleStore } from '../../src/store/lifecycle-store.js'
import { MemoryStore } from '../../src/store/memory-store.js'
import { DEFAULT_WORKFLOW_ID } from '../../src/store/world.js'
import { bothBackends } from '../helpers/backends.js'
import { makeRecord } from '../helpers/odata.js'
import { smallWorld, worldOf } from '../helpers/world.js'

const AT = '2026-11-29T08:00:00Z'
const ids = (items: readonly { id: string }[]) => items.map((item) => item.id)
const address = (taskResultId: string, resultId = 'last') => ({ workflowId: 'w', resultId, taskResultId })

/** Everything a tenant sees, to compare before and after a refused write. */
async function snapshot(store: LifecycleStore, tenant: string) {
  const world = await store.world(tenant)
  return { ...world, details: [...world.details] }
}

describe.each(bothBackends())('the workflow store ($name)', (backend) => {
  describe('the workflow tree', () => {
    it('adds the default workflow when the world does not declare it, first', async () => {
      const store = await backend.store(smallWorld())
      expect((await store.listWorkflows('t')).map(({ workflow }) => workflow.id)).toEqual([
        DEFAULT_WORKFLOW_ID,
        'w'
      ])
      expect(await store.getWorkflow('t', 'nope')).toBeUndefined()
    })

    it('reaches results through their workflow and its runs only', async () => {
      const store = await backend.store({
        ...smallWorld(),
        results: [...smallWorld().results, makeRecord('loose')]
      })
      expect(ids(await store.resultsOf('t', 'w'))).toEqual(['wait', 'last', 'done'])
      expect(ids(await store.resultsOf('t', 'w', 'r'))).toEqual(['wait', 'last'])
      expect(ids(await store.resultsOf('t', DEFAULT_WORKFLOW_ID))).toEqual(['loose'])
      expect(await store.resultsOf('t', 'w', 'nope')).toEqual([])
      expect(await store.resultsOf('t', 'nope')).toEqual([])
      expect((await store.resultOf('t', 'w', 'done'))?.id).toBe('done')
      expect(await store.resultOf('t', 'w', 'done', 'r')).toBeUndefined()
      expect(await store.resultOf('t', DEFAULT_WORKFLOW_ID, 'done')).toBeUndefined()
      expect(await store.resultOf('t', 'w', 'loose')).toBeUndefined()
    })

    it('gives each result its task results and reprocessed runs, and none to an unknown one', async () => {
      const [last, unknown] = await (await backend.store(smallWorld())).detailsOf('t', ['last', 'nope'])
      expect(ids(last?.taskProcessingResults ?? [])).toEqual(['last-1', 'last-2'])
      expect(last?.reprocessedRunIds).toEqual(['r'])
      expect(unknown).toEqual({ taskProcessingResults: [], reprocessedRunIds: [] })
    })
  })

  describe('resumeTask', () => {
    it('changes the task result and its result together, in the tenant that resumed only', async () => {
      const store = await backend.store(smallWorld())
      const answer = await store.resumeTask('a', address('last-2'), { operationStatus: 'completed', at: AT })
      expect(answer).toMatchObject({ result: { processingStatus: 'completed', completedDateTime: AT } })
      expect((await store.get('a', 'last'))?.processingStatus).toBe('completed')
      expect((await store.detailsOf('a', ['last']))[0]?.taskProcessingResults[1]?.processingStatus).toBe(
        'completed'
      )
      expect((await store.get('b', 'last'))?.processingStatus).toBe('inProgress')
      await store.reset('a')
      expect((await store.get('a', 'last'))?.processingStatus).toBe('inProgress')
    })

    it.each([
      ['an unknown result', address('last-2', 'nope'), 'not-found'],
      [
        'a result of another workflow',
        { ...address('last-2'), workflowId: DEFAULT_WORKFLOW_ID },
        'not-found'
      ],
      ['an unknown task result', address('nope'), 'not-found'],
      ['a built-in task', address('last-1'), 'not-custom-task']
    ])('refuses %s and changes nothing', async (_name, target, refused) => {
      const store = await backend.store(smallWorld())
      const before = await snapshot(store, 't')
      expect(await store.resumeTask('t', target, { operationStatus: 'completed', at: AT })).toMatchObject({
        refused
      })
      expect(await snapshot(store, 't')).toEqual(before)
    })

    it('refuses a second resume of the same task result, changing nothing', async () => {
      const store = await backend.store(smallWorld())
      await store.resumeTask('t', address('last-2'), { operationStatus: 'completed', at: AT })
      const before = await snapshot(store, 't')
      const again = await store.resumeTask('t', address('last-2'), { operationStatus: 'failed', at: AT })
      expect(again).toMatchObject({ refused: 'not-waiting' })
      expect(await snapshot(store, 't')).toEqual(before)
    })
  })

  describe('seeding worlds', () => {
    const other = () => worldOf('x', [makeRecord('x1')])

    it('replaces a tenant world and reads it back, leaving the others on the seed', async () => {
      const store = await backend.store(smallWorld())
      await store.replaceWorld('a', other())
      expect((await store.world('a')).workflows.map(({ workflow }) => workflow.id)).toEqual([
        DEFAULT_WORKFLOW_ID,
        'x'
      ])
      expect(ids(await store.list('a'))).toEqual(['x1'])
      expect(ids(await store.list('b'))).toEqual(['wait', 'last', 'done'])
    })

    it('upserts workflows: the named ones are replaced with everything below them, the others kept', async () => {
      const store = await backend.store(smallWorld())
      expect(await store.upsertWorld('t', other())).toBeUndefined()
      expect(ids(await store.list('t'))).toEqual(['wait', 'last', 'done', 'x1'])
      expect(await store.upsertWorld('t', worldOf('w', [makeRecord('wait')]))).toBeUndefined()
      expect(ids(await store.list('t'))).toEqual(['x1', 'wait'])
      expect((await store.detailsOf('t', ['wait']))[0]?.taskProcessingResults).toEqual([])
    })

    it('keeps the results the default workflow lists when a world without it is upserted', async () => {
      const store = await backend.store(worldOf(DEFAULT_WORKFLOW_ID, [makeRecord('listed')]))
      expect(await store.upsertWorld('t', other())).toBeUndefined()
      expect(ids(await store.list('t'))).toEqual(['listed', 'x1'])
      expect(ids(await store.resultsOf('t', DEFAULT_WORKFLOW_ID))).toEqual(['listed'])
    })

    it('refuses an upsert that would give a kept result to a second workflow, changing nothing', async () => {
      const store = await backend.store(smallWorld())
      const before = await snapshot(store, 't')
      expect(await store.upsertWorld('t', worldOf('x', [makeRecord('done')]))).toEqual({
        resultId: 'done',
        workflowId: 'w'
      })
      expect(await snapshot(store, 't')).toEqual(before)
    })

    it('drops the task results of results a record replace removes', async () => {
      const store = await backend.store(smallWorld())
      await store.replace('t', [makeRecord('wait')])
      expect((await store.detailsOf('t', ['wait', 'last']))[0]?.taskProcessingResults).toHaveLength(3)
      expect((await store.detailsOf('t', ['last']))[0]?.taskProcessingResults).toEqual([])
    })
  })
})

describe('MemoryStore', () => {
  it('returns frozen values and keeps no reference to the world it was given', async () => {
    const world = smallWorld()
    const store = new MemoryStore(world)
    ;(world.results[0] as { workflowVersion: number }).workflowVersion = 99
    const [stored] = await store.listWorkflows('t')
    expect(Object.isFrozen(stored?.workflow)).toBe(true)
    expect(Object.isFrozen((await store.detailsOf('t', ['wait']))[0]?.taskProcessingResults[0])).toBe(true)
    expect((await store.get('t', 'wait'))?.workflowVersion).toBe(1)
  })
})

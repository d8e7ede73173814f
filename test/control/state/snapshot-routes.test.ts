import { afterEach, describe, expect, it } from 'vitest'
import type { Config } from '../../../src/config.js'
import type { Snapshot } from '../../../src/model/control/snapshot.js'
import { bothBackends } from '../../helpers/backends.js'
import { control } from '../../helpers/control.js'
import { bearer, errorOf, SEED_PATH, type TestServer, validBody } from '../../helpers/graph-server.js'

const running: TestServer[] = []
afterEach(async () => {
  for (const server of running.splice(0)) await server.app.close()
})

const snapshotOf = async (server: TestServer, query = ''): Promise<Snapshot> => {
  const response = await control(server.app, 'GET', `/snapshot${query}`)
  expect(response.statusCode).toBe(200)
  return response.json()
}

const patchAs = (server: TestServer, tenant: string, workflowVersion: number) =>
  server.patch(validBody({ workflowVersion }), { headers: { authorization: bearer({ tenant }) } })

const getAs = (server: TestServer, tenant: string) =>
  server.app.inject({ url: SEED_PATH, headers: { authorization: bearer({ tenant }) } })

describe.each(bothBackends())('/_mock/snapshot ($name)', (backend) => {
  const serverWith = async (overrides: Partial<Config> = {}) => {
    const server = await backend.server(overrides)
    running.push(server)
    return server
  }

  /** A state with a bit of everything: two tenants with copies, rules part-spent, journal entries. */
  async function busy(server: TestServer): Promise<void> {
    await patchAs(server, 'tenant-a', 11)
    await patchAs(server, 'tenant-b', 12)
    const rules = [
      { method: 'DELETE', status: 500 },
      { tenant: 'tenant-b', method: 'GET', status: 503, times: 5, rate: 0.5, seed: 7 },
      { tenant: 'tenant-a', delayMs: { min: 0, max: 2 } }
    ]
    for (const rule of rules)
      expect((await control(server.app, 'POST', '/faults', rule)).statusCode).toBe(201)
    for (let index = 0; index < 4; index++) await getAs(server, 'tenant-a')
    for (let index = 0; index < 3; index++) await getAs(server, 'tenant-b')
  }

  it('gives every piece of state as one document, which PUT restores exactly after other changes', async () => {
    const server = await serverWith()
    await busy(server)
    const taken = await snapshotOf(server)
    expect(taken.version).toBe(1)
    expect(Object.keys(taken.tenants).sort()).toEqual(['tenant-a', 'tenant-b'])
    expect(taken.faults.map(({ id, remaining, matched }) => ({ id, remaining, matched }))).toEqual([
      { id: '3', remaining: null, matched: 4 },
      { id: '2', remaining: expect.any(Number), matched: 3 },
      { id: '1', remaining: null, matched: 0 }
    ])
    expect(taken.journal).toHaveLength(9)

    await patchAs(server, 'tenant-a', 99)
    await patchAs(server, 'tenant-c', 98)
    await control(server.app, 'DELETE', '/faults')
    await control(server.app, 'POST', '/faults', { status: 500 })
    const restored = await control(server.app, 'PUT', '/snapshot', taken)

    expect(restored.statusCode).toBe(204)
    expect(await snapshotOf(server)).toEqual(taken)
    expect((await getAs(server, 'tenant-a')).json()).toMatchObject({ workflowVersion: 11 })
    expect((await getAs(server, 'tenant-c')).json()).toMatchObject({ workflowVersion: 1 })
    const added = await control(server.app, 'POST', '/faults', { status: 500, path: '/x' })
    expect(added.json().id).toBe('5')
  })

  it('restores fault rules that go on with the same draws', async () => {
    const server = await serverWith({ auth: 'off' })
    await control(server.app, 'POST', '/faults', { status: 503, rate: 0.5, seed: 42 })
    const statuses = async () => {
      const seen: number[] = []
      for (let index = 0; index < 12; index++)
        seen.push((await server.app.inject({ url: SEED_PATH })).statusCode)
      return seen
    }
    await statuses()
    const taken = await snapshotOf(server)
    const next = await statuses()
    expect(new Set(next)).toEqual(new Set([200, 503]))
    await control(server.app, 'PUT', '/snapshot', taken)
    expect(await statuses()).toEqual(next)
  })

  it('with ?tenant= gives and restores that tenant only: its world (the fixtures until it writes), rules and requests', async () => {
    const server = await serverWith()
    const untouched = await snapshotOf(server, '?tenant=fresh')
    expect(Object.keys(untouched.tenants)).toEqual(['fresh'])
    await busy(server)
    const taken = await snapshotOf(server, '?tenant=tenant-a')
    expect(Object.keys(taken.tenants)).toEqual(['tenant-a'])
    expect(taken.faults.map(({ rule }) => rule.tenant)).toEqual(['tenant-a'])
    expect(new Set(taken.journal.map(({ facts }) => facts.tenant))).toEqual(new Set(['tenant-a']))

    await patchAs(server, 'tenant-a', 50)
    await patchAs(server, 'tenant-b', 51)
    expect((await control(server.app, 'PUT', '/snapshot?tenant=tenant-a', taken)).statusCode).toBe(204)
    const after = await snapshotOf(server, '?tenant=tenant-a')
    expect(after.tenants).toEqual(taken.tenants)
    expect(after.faults.map(({ rule, matched }) => ({ rule, matched }))).toEqual(
      taken.faults.map(({ rule, matched }) => ({ rule, matched }))
    )
    expect(after.journal).toEqual(taken.journal)
    expect((await getAs(server, 'tenant-a')).json()).toMatchObject({ workflowVersion: 11 })
    expect((await getAs(server, 'tenant-b')).json()).toMatchObject({ workflowVersion: 51 })

    expect((await control(server.app, 'PUT', '/snapshot?tenant=fresh', untouched)).statusCode).toBe(204)
    const mixed = await control(server.app, 'PUT', '/snapshot?tenant=tenant-b', taken)
    expect(mixed.statusCode).toBe(400)
    expect(errorOf(mixed).details?.[0]?.target).toBe('tenants.tenant-a')
  })

  it.each([
    ['another version', (snapshot: Snapshot) => ({ ...snapshot, version: 2 }), 'version'],
    ['an unknown key', (snapshot: Snapshot) => ({ ...snapshot, extra: true }), 'extra'],
    [
      'a world the fixture loader refuses',
      (snapshot: Snapshot) => ({
        ...snapshot,
        tenants: { t: { workflows: [{ id: 'w', runs: [{ id: 'r', userProcessingResultIds: ['nope'] }] }] } }
      }),
      'tenants.t.workflows[0].runs[0]'
    ],
    [
      'a remaining count above times',
      (snapshot: Snapshot) => ({
        ...snapshot,
        faults: [{ id: '1', rule: { status: 500, times: 2 }, seed: 0, remaining: 3, matched: 0 }]
      }),
      'faults[0].remaining'
    ],
    [
      'a remaining count without times',
      (snapshot: Snapshot) => ({
        ...snapshot,
        faults: [{ id: '1', rule: { status: 500 }, seed: 0, remaining: 1, matched: 0 }]
      }),
      'faults[0].remaining'
    ],
    [
      'two rules with one id',
      (snapshot: Snapshot) => {
        const rule = { id: '1', rule: { status: 500 }, seed: 0, remaining: null, matched: 0 }
        return { ...snapshot, faults: [rule, rule] }
      },
      'faults[1].id'
    ],
    [
      'a journal entry without its facts',
      (snapshot: Snapshot) => ({
        ...snapshot,
        journal: [{ route: null, entry: snapshot.journal[0]?.entry }]
      }),
      'journal[0].facts'
    ]
  ])('refuses %s with a 400 naming the field, and changes nothing', async (_case, spoil, target) => {
    const server = await serverWith()
    await busy(server)
    const before = await snapshotOf(server)
    const response = await control(server.app, 'PUT', '/snapshot', spoil(before))
    expect(response.statusCode).toBe(400)
    expect(errorOf(response).code).toBe('BadRequest')
    expect(errorOf(response).details?.[0]?.target).toBe(target)
    expect(errorOf(response).message).toContain(`'${target}'`)
    expect(await snapshotOf(server)).toEqual(before)
  })

  it('refuses a snapshot of more tenants than --max-tenants with 507, changing nothing', async () => {
    const server = await serverWith({ maxTenants: 1 })
    await patchAs(server, 'tenant-a', 11)
    const before = await snapshotOf(server)
    const world = before.tenants['tenant-a']
    const response = await control(server.app, 'PUT', '/snapshot', {
      ...before,
      tenants: { x: world, y: world }
    })
    expect(response.statusCode).toBe(507)
    expect(errorOf(response).message).toContain('--max-tenants')
    expect(await snapshotOf(server)).toEqual(before)
  })

  it('has no file to save to without --state-file', async () => {
    const server = await serverWith()
    const response = await control(server.app, 'POST', '/snapshot/save')
    expect(response.statusCode).toBe(404)
    expect(errorOf(response).message).toMatch(/--state-file \(STATE_FILE\)/)
  })
})

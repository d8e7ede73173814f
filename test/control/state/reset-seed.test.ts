import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_TOKEN_TENANT } from '../../../src/model/token.js'
import { BUNDLED_FIXTURES } from '../../../src/package-files.js'
import { DEFAULT_TENANT } from '../../../src/store/result-store.js'
import { loadFixtures } from '../../../src/store/seed/load-fixtures.js'
import { bothBackends } from '../../helpers/backends.js'
import { control, journal } from '../../helpers/control.js'
import { bearer, DOC_ID, errorOf, type TestServer, validBody } from '../../helpers/graph-server.js'

describe.each(bothBackends())('reset and seed ($name)', (backend) => {
  const FIXTURE_FILE = join(BUNDLED_FIXTURES, 'user-processing-results.json')

  function record(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return { id, ...validBody(), ...overrides }
  }

  let server: TestServer
  beforeEach(async () => {
    server = await backend.server({ auth: 'off' })
  })
  afterEach(async () => {
    await server.app.close()
  })

  describe('POST /_mock/reset', () => {
    it('restores the fixtures after PATCHes and clears the journal and the fault rules', async () => {
      const fixtures = await server.snapshot(DEFAULT_TENANT)
      expect((await server.patch(validBody({ workflowVersion: 99 }))).statusCode).toBe(200)
      expect(
        (await control(server.app, 'POST', '/faults', { status: 503, path: '/nowhere' })).statusCode
      ).toBe(201)
      expect(await server.snapshot(DEFAULT_TENANT)).not.toEqual(fixtures)

      const reset = await control(server.app, 'POST', '/reset')

      expect(reset.statusCode).toBe(204)
      expect(await server.snapshot(DEFAULT_TENANT)).toEqual(fixtures)
      expect(await journal(server.app)).toEqual([])
      expect((await control(server.app, 'GET', '/faults')).json()).toEqual([])
    })

    it('takes a JSON Content-Type without a body, as curl -H sends it', async () => {
      const empty = await control(server.app, 'POST', '/reset', undefined, {
        'content-type': 'application/json'
      })
      expect(empty.statusCode).toBe(204)
      const broken = await control(server.app, 'POST', '/reset', '{', { 'content-type': 'application/json' })
      expect(broken.statusCode).toBe(400)
    })

    it('with ?tenant= resets only that tenant, its journal entries and its fault rules', async () => {
      const enforced = await backend.server()
      const { app } = enforced
      try {
        const patchAs = (tenant: string) =>
          enforced.patch(validBody({ workflowVersion: 42 }), {
            headers: { authorization: bearer({ tenant }) }
          })
        await patchAs('tenant-a')
        await patchAs('tenant-b')
        await control(app, 'POST', '/faults', { tenant: 'tenant-a', delayMs: 1 })
        await control(app, 'POST', '/faults', { tenant: 'tenant-b', delayMs: 1 })

        expect((await control(app, 'POST', '/reset?tenant=tenant-a')).statusCode).toBe(204)

        const version = async (tenant: string) => (await enforced.store.get(tenant, DOC_ID))?.workflowVersion
        expect(await version('tenant-a')).toBe(1)
        expect(await version('tenant-b')).toBe(42)
        expect((await journal(app)).map((entry) => entry.claims?.tid)).toEqual(['tenant-b'])
        expect((await control(app, 'GET', '/faults')).json()).toMatchObject([{ tenant: 'tenant-b' }])
      } finally {
        await app.close()
      }
    })

    it('rejects an unknown query parameter, naming it, and resets nothing', async () => {
      await server.patch(validBody({ workflowVersion: 99 }))
      const before = await server.snapshot(DEFAULT_TENANT)

      const response = await control(server.app, 'POST', '/reset?tenat=a')

      expect(response.statusCode).toBe(400)
      expect(errorOf(response)).toMatchObject({
        code: 'BadRequest',
        message: "Invalid querystring: 'tenat' is not a known property."
      })
      expect(await server.snapshot(DEFAULT_TENANT)).toEqual(before)
    })
  })

  describe('/_mock/userProcessingResults', () => {
    it('lists the current state of the default tenant in the fixture shape', async () => {
      const response = await control(server.app, 'GET', '/userProcessingResults')
      expect(response.statusCode).toBe(200)
      expect(response.json()).toEqual(await loadFixtures(BUNDLED_FIXTURES))
    })

    it('PUT replaces a tenant, normalising date-times to UTC; GET and Graph then see exactly that', async () => {
      const records = [record('one', { scheduledDateTime: '2026-11-28T12:00:00+02:00' }), record('two')]

      const put = await control(server.app, 'PUT', '/userProcessingResults', records)

      expect(put.statusCode).toBe(200)
      const stored = (await control(server.app, 'GET', '/userProcessingResults')).json()
      expect(stored).toEqual([{ ...records[0], scheduledDateTime: '2026-11-28T10:00:00Z' }, records[1]])
      expect(put.json()).toEqual(stored)
      const graph = await server.app.inject({ url: '/beta/workflowBase/userProcessingResults/one' })
      expect(graph.json()).toMatchObject({ id: 'one', scheduledDateTime: '2026-11-28T10:00:00Z' })
      expect(
        (await server.app.inject({ url: `/beta/workflowBase/userProcessingResults/${DOC_ID}` })).statusCode
      ).toBe(404)
    })

    it('POST upserts: replaces records with the same id, adds the others, keeps the rest', async () => {
      const before = await server.snapshot(DEFAULT_TENANT)

      const post = await control(server.app, 'POST', '/userProcessingResults', [
        record(DOC_ID, { workflowVersion: 12 }),
        record('new-one')
      ])

      expect(post.statusCode).toBe(200)
      const after: { id: string; workflowVersion: number }[] = (
        await control(server.app, 'GET', '/userProcessingResults')
      ).json()
      expect(after).toHaveLength(before.length + 1)
      expect(after.find((entry) => entry.id === DOC_ID)?.workflowVersion).toBe(12)
      expect(after.find((entry) => entry.id === 'new-one')).toEqual(record('new-one'))
    })

    it('seeds the tenant named by ?tenant= only', async () => {
      await control(server.app, 'PUT', '/userProcessingResults?tenant=tenant-a', [record('only-a')])

      const a = (await control(server.app, 'GET', '/userProcessingResults?tenant=tenant-a')).json()
      const fallback = (await control(server.app, 'GET', '/userProcessingResults')).json()
      expect(a).toEqual([record('only-a')])
      expect(fallback).toEqual(await server.store.list('never-written'))
    })

    it('never writes the fixture files', async () => {
      const before = await readFile(FIXTURE_FILE, 'utf8')
      await control(server.app, 'PUT', '/userProcessingResults', [record('x')])
      await control(server.app, 'POST', '/userProcessingResults', [record('y')])
      await control(server.app, 'POST', '/reset')
      expect(await readFile(FIXTURE_FILE, 'utf8')).toBe(before)
    })

    it.each([
      [
        'a record that is not an object',
        ['x'],
        'Invalid body: \'[0]\' has the invalid value "x" (expected object).',
        '[0]'
      ],
      [
        'a wrong type, naming the record and property',
        [record('a'), record('b', { failedTasksCount: '1' })],
        'Invalid body: \'[1].failedTasksCount\' has the invalid value "1" (expected Edm.Int32).',
        '[1].failedTasksCount'
      ],
      [
        'a missing property',
        [record('a', { workflowVersion: undefined })],
        "Invalid body: '[0].workflowVersion' is required.",
        '[0].workflowVersion'
      ],
      [
        'an impossible date',
        [record('a', { scheduledDateTime: '2026-02-30T00:00:00Z' })],
        'Invalid body: \'[0].scheduledDateTime\' has the invalid value "2026-02-30T00:00:00Z" (expected Edm.DateTimeOffset).',
        '[0].scheduledDateTime'
      ],
      [
        'an unknown property',
        [record('a', { colour: 'blue' })],
        "Invalid body: '[0].colour' is not a known property.",
        '[0].colour'
      ],
      [
        'a repeated id',
        [record('a'), record('b'), record('a')],
        "Invalid body: '[2].id' a is already used by record 0.",
        '[2].id'
      ],
      ['an object instead of an array', record('a'), /^Invalid body: the value has the invalid value/, '']
    ])('rejects %s with a 400 naming the field, changing nothing', async (_name, body, message, target) => {
      const before = await server.snapshot(DEFAULT_TENANT)
      for (const method of ['PUT', 'POST'] as const) {
        const response = await control(server.app, method, '/userProcessingResults', body)
        expect(response.statusCode).toBe(400)
        expect(response.headers['content-type']).toMatch(/^application\/json/)
        const error = errorOf(response)
        expect(error.code).toBe('BadRequest')
        expect(error.message).toMatch(message)
        expect(error.details?.[0]?.target).toBe(target)
      }
      expect(await server.snapshot(DEFAULT_TENANT)).toEqual(before)
    })

    it('answers a body that is not JSON with 415 and malformed JSON with 400, changing nothing', async () => {
      const before = await server.snapshot(DEFAULT_TENANT)
      const text = await server.app.inject({
        method: 'PUT',
        url: '/_mock/userProcessingResults',
        headers: { 'content-type': 'text/plain' },
        payload: '[]'
      })
      const broken = await server.app.inject({
        method: 'PUT',
        url: '/_mock/userProcessingResults',
        headers: { 'content-type': 'application/json' },
        payload: '[{'
      })
      expect(text.statusCode).toBe(415)
      expect(errorOf(text).code).toBe('UnsupportedMediaType')
      expect(broken.statusCode).toBe(400)
      expect(errorOf(broken).message).toMatch(/^Unable to read JSON request payload/)
      expect(await server.snapshot(DEFAULT_TENANT)).toEqual(before)
    })
  })

  it("keeps tenants apart: a tenant starts from the fixtures and never sees another tenant's PATCH", async () => {
    const enforced = await backend.server()
    const { app } = enforced
    try {
      const as = (tenant: string) => ({ authorization: bearer({ tenant }) })
      const patched = await enforced.patch(validBody({ workflowVersion: 77 }), { headers: as('tenant-a') })
      expect(patched.statusCode).toBe(200)

      const read = (tenant: string) =>
        app.inject({ url: `/beta/workflowBase/userProcessingResults/${DOC_ID}`, headers: as(tenant) })
      expect((await read('tenant-a')).json().workflowVersion).toBe(77)
      expect((await read('tenant-b')).json().workflowVersion).toBe(1)
      expect((await read(DEFAULT_TOKEN_TENANT)).json().workflowVersion).toBe(1)
      const viaControl = (tenant: string) =>
        control(app, 'GET', `/userProcessingResults?tenant=${tenant}`).then((response) =>
          response.json().find((entry: { id: string }) => entry.id === DOC_ID)
        )
      expect((await viaControl('tenant-a')).workflowVersion).toBe(77)
      expect((await viaControl('tenant-b')).workflowVersion).toBe(1)
    } finally {
      await app.close()
    }
  })

  /** The seed record as the control API shows it without `?tenant=`. */
  async function seedRecordViaControl(app: TestServer['app']): Promise<{ workflowVersion: number }> {
    const records = (await control(app, 'GET', '/userProcessingResults')).json()
    return records.find((entry: { id: string }) => entry.id === DOC_ID)
  }

  it('puts every request in the default tenant with AUTH=off, whatever the token says', async () => {
    const patched = await server.patch(validBody({ workflowVersion: 5 }), {
      headers: { authorization: bearer({ tenant: 'tenant-a' }) }
    })
    expect(patched.statusCode).toBe(200)
    expect((await seedRecordViaControl(server.app)).workflowVersion).toBe(5)
    expect(await journal(server.app, `?tenant=${DEFAULT_TENANT}`)).toHaveLength(1)
  })

  it('tells one tenant story: a default token, the control API without ?tenant= and the journal name the same', async () => {
    expect(DEFAULT_TENANT).toBe(DEFAULT_TOKEN_TENANT)
    const enforced = await backend.server()
    try {
      expect((await enforced.patch(validBody({ workflowVersion: 6 }))).statusCode).toBe(200)
      expect((await seedRecordViaControl(enforced.app)).workflowVersion).toBe(6)
      expect(await journal(enforced.app, `?tenant=${DEFAULT_TENANT}`)).toHaveLength(1)
    } finally {
      await enforced.app.close()
    }
  })
})

import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { Config } from '../../../src/config.js'
import { bothBackends } from '../../helpers/backends.js'
import { control } from '../../helpers/control.js'
import { bearer, errorOf, SEED_PATH, type TestServer, validBody } from '../../helpers/graph-server.js'

const running: TestServer[] = []
afterEach(async () => {
  for (const server of running.splice(0)) await server.app.close()
})

const patchAs = (server: TestServer, tenant: string, workflowVersion = 7) =>
  server.patch(validBody({ workflowVersion }), { headers: { authorization: bearer({ tenant }) } })

describe.each(bothBackends())('--max-tenants ($name)', (backend) => {
  const serverWith = async (overrides: Partial<Config> = {}) => {
    const server = await backend.server(overrides)
    running.push(server)
    return server
  }

  it("refuses a new tenant's write past the limit with 507 naming the option and the reset; reads go on", async () => {
    const server = await serverWith({ maxTenants: 2 })
    expect((await patchAs(server, 'one')).statusCode).toBe(200)
    expect((await patchAs(server, 'two')).statusCode).toBe(200)

    const refused = await patchAs(server, 'three', 9)
    expect(refused.statusCode).toBe(507)
    expect(errorOf(refused)).toMatchObject({ code: 'quotaLimitReached' })
    expect(errorOf(refused).message).toMatch(/--max-tenants \(MAX_TENANTS\)/)
    expect(errorOf(refused).message).toMatch(/POST \/_mock\/reset\?tenant=<tid>/)
    const seeding = await control(server.app, 'PUT', '/userProcessingResults?tenant=three', [])
    expect(seeding.statusCode).toBe(507)
    expect((await server.store.tenants()).sort()).toEqual(['one', 'two'])
    const read = await server.app.inject({
      url: SEED_PATH,
      headers: { authorization: bearer({ tenant: 'three' }) }
    })
    expect(read.json()).toMatchObject({ workflowVersion: 1 })
    expect((await patchAs(server, 'one', 8)).statusCode).toBe(200)

    await control(server.app, 'POST', '/reset?tenant=two')
    expect((await patchAs(server, 'three', 9)).statusCode).toBe(200)
    expect((await server.store.tenants()).sort()).toEqual(['one', 'three'])
  })

  it('stays at its bound under a flood of writes by thousands of random tenants, evicting no one', async () => {
    const server = await serverWith({ maxTenants: 25 })
    expect((await patchAs(server, 'first', 3)).statusCode).toBe(200)
    const statuses: number[] = []
    for (let batch = 0; batch < 20; batch++) {
      const answers = await Promise.all(Array.from({ length: 100 }, () => patchAs(server, randomUUID())))
      statuses.push(...answers.map((answer) => answer.statusCode))
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(24)
    expect(statuses.filter((status) => status === 507)).toHaveLength(1976)
    expect(await server.store.tenants()).toHaveLength(25)
    const first = await server.app.inject({
      url: SEED_PATH,
      headers: { authorization: bearer({ tenant: 'first' }) }
    })
    expect(first.json()).toMatchObject({ workflowVersion: 3 })
  })
})

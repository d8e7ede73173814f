import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bothBackends } from '../../helpers/backends.js'
import { control } from '../../helpers/control.js'
import {
  bearer,
  errorOf,
  SEED_PATH,
  type TestServer,
  testServer,
  validBody
} from '../../helpers/graph-server.js'

describe.each(bothBackends())('throttling with the $name backend', (backend) => {
  let server: TestServer
  beforeEach(async () => {
    server = await testServer({ ...backend.config(), rateLimit: { limit: 2, windowMs: 1000 } })
  })
  afterEach(async () => {
    await server.app.close()
  })

  const as = (tenant: string, appId?: string) => ({ authorization: bearer({ tenant, appId }) })
  const get = (headers: Record<string, string>) => server.app.inject({ url: SEED_PATH, headers })

  it('answers the N+1st request of a tenant and app with 429 and Retry-After, and accepts again after it', async () => {
    const headers = as('tenant-a', 'app-1')
    expect((await get(headers)).statusCode).toBe(200)
    expect((await server.patch(validBody(), { headers })).statusCode).toBe(200)
    const before = await server.snapshot('tenant-a')

    const throttled = await server.patch(validBody({ workflowVersion: 9 }), { headers })

    expect(throttled.statusCode).toBe(429)
    expect(errorOf(throttled)).toMatchObject({
      code: 'TooManyRequests',
      message: 'Please retry again later.'
    })
    const retryAfter = Number(throttled.headers['retry-after'])
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(await server.snapshot('tenant-a')).toEqual(before)

    await sleep(retryAfter * 1000)
    expect((await get(headers)).statusCode).toBe(200)
  })

  it('counts each tenant and each application apart, and never throttles the control API', async () => {
    for (let index = 0; index < 2; index++) await get(as('tenant-a', 'app-1'))
    expect((await get(as('tenant-a', 'app-1'))).statusCode).toBe(429)

    expect((await get(as('tenant-a', 'app-2'))).statusCode).toBe(200)
    expect((await get(as('tenant-b', 'app-1'))).statusCode).toBe(200)
    for (let index = 0; index < 5; index++) {
      expect((await control(server.app, 'GET', '/userProcessingResults')).statusCode).toBe(200)
    }
  })

  it('starts afresh after a reset of the tenant', async () => {
    for (let index = 0; index < 2; index++) await get(as('tenant-a'))
    for (let index = 0; index < 2; index++) await get(as('tenant-b'))
    expect((await get(as('tenant-a'))).statusCode).toBe(429)

    await control(server.app, 'POST', '/reset?tenant=tenant-a')

    expect((await get(as('tenant-a'))).statusCode).toBe(200)
    expect((await get(as('tenant-b'))).statusCode).toBe(429)
  })
})

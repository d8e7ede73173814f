import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { bothBackends } from '../../helpers/backends.js'

describe.each(bothBackends())('throttling windows with the $name backend', (backend) => {
  it('allow N per window, then tell in whole seconds (at least 1) when the window frees up', async () => {
    const windows = await backend.throttleWindows({ limit: 3, windowMs: 10_000 })
    for (let index = 0; index < 3; index++) expect(await windows.take('t', 'a')).toBeUndefined()
    const retryAfter = await windows.take('t', 'a')
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(10)
    expect(await windows.take('t', 'a')).toBeDefined()
  })

  it('start a new window once the old one is over', async () => {
    const windows = await backend.throttleWindows({ limit: 1, windowMs: 50 })
    expect(await windows.take('t', 'a')).toBeUndefined()
    expect(await windows.take('t', 'a')).toBe(1)
    await sleep(100)
    expect(await windows.take('t', 'a')).toBeUndefined()
  })

  it("keep windows per tenant and app, and forget one tenant's or all on clear", async () => {
    const windows = await backend.throttleWindows({ limit: 1, windowMs: 60_000 })
    // Names that would collide or match too much if they were joined or matched carelessly.
    const callers = [
      ['t1', 'a'],
      ['t1', 'b'],
      ['t1:a', 'b'],
      ['t1*', 'a'],
      ['t2', 'a']
    ] as const
    for (const [tenant, app] of callers) expect(await windows.take(tenant, app)).toBeUndefined()
    for (const [tenant, app] of callers) expect(await windows.take(tenant, app)).toBe(60)
    await windows.clear('t1')
    expect(await windows.take('t1', 'a')).toBeUndefined()
    expect(await windows.take('t1', 'b')).toBeUndefined()
    expect(await windows.take('t1:a', 'b')).toBe(60)
    expect(await windows.take('t1*', 'a')).toBe(60)
    await windows.clear('t1*')
    expect(await windows.take('t1*', 'a')).toBeUndefined()
    expect(await windows.take('t2', 'a')).toBe(60)
    await windows.clear()
    expect(await windows.take('t2', 'a')).toBeUndefined()
    expect(await windows.take('t1:a', 'b')).toBeUndefined()
  })
})

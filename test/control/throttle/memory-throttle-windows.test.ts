import { describe, expect, it } from 'vitest'
import { MemoryThrottleWindows } from '../../../src/control/throttle/memory-throttle-windows.js'

describe('MemoryThrottleWindows', () => {
  it('allows N per window, then says how many seconds until the window frees up', async () => {
    let now = 1_000_000
    const windows = new MemoryThrottleWindows({ limit: 3, windowMs: 10_000 }, () => now)
    for (let index = 0; index < 3; index++) expect(await windows.take('t', 'a')).toBeUndefined()
    expect(await windows.take('t', 'a')).toBe(10)
    now += 2_500
    expect(await windows.take('t', 'a')).toBe(8)
    now += 7_499
    expect(await windows.take('t', 'a')).toBe(1)
    now += 1
    expect(await windows.take('t', 'a')).toBeUndefined()
  })

  it('keeps windows per tenant and app, and forgets one tenant on clear', async () => {
    const windows = new MemoryThrottleWindows({ limit: 1, windowMs: 60_000 }, () => 0)
    await windows.take('t1', 'a')
    await windows.take('t1', 'b')
    await windows.take('t2', 'a')
    expect(await windows.take('t1', 'a')).toBe(60)
    await windows.clear('t1')
    expect(await windows.take('t1', 'a')).toBeUndefined()
    expect(await windows.take('t1', 'b')).toBeUndefined()
    expect(await windows.take('t2', 'a')).toBe(60)
    await windows.clear()
    expect(await windows.take('t2', 'a')).toBeUndefined()
  })
})

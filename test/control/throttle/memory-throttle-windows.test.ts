import { describe, expect, it } from 'vitest'
import { MemoryThrottleWindows } from '../../../src/control/throttle/memory-throttle-windows.js'

describe('MemoryThrottleWindows', () => {
  it('counts Retry-After down to the end of the window, on its clock', async () => {
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
})

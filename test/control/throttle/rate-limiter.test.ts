import { describe, expect, it } from 'vitest'
import { RateLimiter } from '../../../src/control/throttle/rate-limiter.js'

describe('RateLimiter', () => {
  it('allows N per window, then says how many seconds until the window frees up', () => {
    let now = 1_000_000
    const limiter = new RateLimiter({ limit: 3, windowMs: 10_000 }, () => now)
    expect([limiter.take('t', 'a'), limiter.take('t', 'a'), limiter.take('t', 'a')]).toEqual([
      undefined,
      undefined,
      undefined
    ])
    expect(limiter.take('t', 'a')).toBe(10)
    now += 2_500
    expect(limiter.take('t', 'a')).toBe(8)
    now += 7_499
    expect(limiter.take('t', 'a')).toBe(1)
    now += 1
    expect(limiter.take('t', 'a')).toBeUndefined()
  })

  it('keeps windows per tenant and app, and forgets one tenant on clear', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 60_000 }, () => 0)
    limiter.take('t1', 'a')
    limiter.take('t1', 'b')
    limiter.take('t2', 'a')
    expect(limiter.take('t1', 'a')).toBe(60)
    limiter.clear('t1')
    expect(limiter.take('t1', 'a')).toBeUndefined()
    expect(limiter.take('t1', 'b')).toBeUndefined()
    expect(limiter.take('t2', 'a')).toBe(60)
    limiter.clear()
    expect(limiter.take('t2', 'a')).toBeUndefined()
  })
})

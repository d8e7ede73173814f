import { describe, expect, it } from 'vitest'
import { draw, drawUint32 } from '../../../src/control/faults/prng.js'

describe('mulberry32 draws', () => {
  it('are the published generator: the first draws for seed 123', () => {
    expect([0, 1, 2].map((index) => draw(123, index))).toEqual([
      0.7872516233474016, 0.1785435655619949, 0.49531551403924823
    ])
  })

  it('give the same numbers in [0, 1) for the same seed and index, distinct along the sequence', () => {
    const numbers = Array.from({ length: 1000 }, (_, index) => draw(7, index))
    expect(Array.from({ length: 1000 }, (_, index) => draw(7, index))).toEqual(numbers)
    expect(numbers.every((value) => value >= 0 && value < 1)).toBe(true)
    expect(new Set(numbers).size).toBe(1000)
  })

  it('are 32-bit unsigned integers over 2^32, for any seed and for indexes past 2^32', () => {
    for (const [seed, index] of [
      [0, 0],
      [2 ** 32 - 1, 5],
      [42, 2 ** 32 + 3],
      [42, 3]
    ] as const) {
      const value = drawUint32(seed, index)
      expect(Number.isInteger(value) && value >= 0 && value < 2 ** 32).toBe(true)
      expect(draw(seed, index)).toBe(value / 2 ** 32)
    }
    // The generator's state has a period of 2^32 draws.
    expect(drawUint32(42, 2 ** 32 + 3)).toBe(drawUint32(42, 3))
  })
})

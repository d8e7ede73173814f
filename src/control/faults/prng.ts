/** mulberry32's state grows by this constant on every draw. */
export const MULBERRY32_STEP = 0x6d2b79f5

/**
 * Draw `index` (from 0) of mulberry32, Tommy Ettinger's small 32-bit generator, seeded with `seed`, as an
 * unsigned 32-bit integer. The generator's state after n draws is `seed + n * MULBERRY32_STEP (mod 2^32)` and
 * each output is a pure function of the state, so any draw can be computed without the ones before it: the
 * same seed and index give the same number in every process, and replicas that share a draw counter in Redis
 * give the same sequence as one process.
 */
export function drawUint32(seed: number, index: number): number {
  const state = (seed + Math.imul(index + 1, MULBERRY32_STEP)) >>> 0
  let mixed = Math.imul(state ^ (state >>> 15), state | 1)
  mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61)
  return (mixed ^ (mixed >>> 14)) >>> 0
}

/** The same draw as a number in [0, 1). */
export function draw(seed: number, index: number): number {
  return drawUint32(seed, index) / 4_294_967_296
}

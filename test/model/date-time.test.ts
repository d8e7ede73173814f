import { describe, expect, it } from 'vitest'
import { parseDateTimeOffset } from '../../src/model/date-time.js'

const SECOND = 10_000_000n

describe('parseDateTimeOffset', () => {
  it('reads the epoch as zero ticks', () => {
    expect(parseDateTimeOffset('1970-01-01T00:00:00Z')).toBe(0n)
  })

  it('agrees with Date on millisecond instants', () => {
    for (const text of ['2022-08-24T23:28:01.647Z', '2000-02-29T12:00:00Z', '1999-12-31T23:59:59.999Z']) {
      expect(parseDateTimeOffset(text)).toBe(BigInt(Date.parse(text)) * 10_000n)
    }
  })

  it('keeps all 7 fraction digits, which Date would round away', () => {
    const a = parseDateTimeOffset('2022-08-24T23:28:01.6476554Z')
    const b = parseDateTimeOffset('2022-08-24T23:28:01.6476555Z')
    expect(a).toBeDefined()
    expect((b ?? 0n) - (a ?? 0n)).toBe(1n)
  })

  it('treats fewer fraction digits as trailing zeros', () => {
    expect(parseDateTimeOffset('2022-08-24T23:28:04.490313Z')).toBe(
      parseDateTimeOffset('2022-08-24T23:28:04.4903130Z')
    )
  })

  it('applies offsets', () => {
    const utc = parseDateTimeOffset('2022-08-24T10:00:00Z')
    expect(parseDateTimeOffset('2022-08-24T12:00:00+02:00')).toBe(utc)
    expect(parseDateTimeOffset('2022-08-24T05:30:00-04:30')).toBe(utc)
  })

  it('accepts a missing seconds part, as OData does', () => {
    expect(parseDateTimeOffset('2022-08-24T10:00Z')).toBe(parseDateTimeOffset('2022-08-24T10:00:00Z'))
  })

  it('counts leap days', () => {
    const before = parseDateTimeOffset('2024-02-28T00:00:00Z') ?? 0n
    expect(parseDateTimeOffset('2024-03-01T00:00:00Z')).toBe(before + 2n * 86_400n * SECOND)
  })

  it.each([
    ['a date alone', '2022-08-24'],
    ['no offset', '2022-08-24T10:00:00'],
    ['8 fraction digits', '2022-08-24T10:00:00.12345678Z'],
    ['February 30th', '2026-02-30T00:00:00Z'],
    ['February 29th of a common year', '2023-02-29T00:00:00Z'],
    ['February 29th of 1900', '1900-02-29T00:00:00Z'],
    ['month 13', '2022-13-01T00:00:00Z'],
    ['hour 24', '2022-08-24T24:00:00Z'],
    ['second 60', '2022-08-24T23:59:60Z'],
    ['an offset beyond 14 hours', '2022-08-24T10:00:00+15:00'],
    ['offset minutes 60', '2022-08-24T10:00:00+01:60'],
    ['lower-case z', '2022-08-24T10:00:00z'],
    ['a space instead of T', '2022-08-24 10:00:00Z'],
    ['year 0', '0000-01-01T00:00:00Z'],
    ['trailing text', '2022-08-24T10:00:00Zx']
  ])('rejects %s', (_, text) => {
    expect(parseDateTimeOffset(text)).toBeUndefined()
  })
})

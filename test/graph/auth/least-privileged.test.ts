import { describe, expect, it } from 'vitest'
import { leastPrivileged, privilegeOrder } from '../../../src/graph/auth/least-privileged.js'
import {
  READ_PERMISSIONS,
  REPORT_READ_PERMISSIONS,
  WRITE_PERMISSIONS
} from '../../../src/graph/auth/permissions.js'

const READ = 'LifecycleWorkflows.Read.All'
const WRITE = 'LifecycleWorkflows.ReadWrite.All'
const REPORTS = 'LifecycleWorkflows-Reports.Read.All'

describe('privilegeOrder', () => {
  it('orders permissions as the routes list them, least privileged first', () => {
    expect(privilegeOrder([WRITE_PERMISSIONS, READ_PERMISSIONS, REPORT_READ_PERMISSIONS])).toEqual([
      REPORTS,
      READ,
      WRITE
    ])
  })

  it('keeps the first-seen order where lists contradict each other', () => {
    expect(
      privilegeOrder([
        ['a', 'b'],
        ['b', 'a']
      ])
    ).toEqual(['a', 'b'])
  })
})

describe('leastPrivileged', () => {
  it.each([
    ['one route: its least privileged permission', [REPORT_READ_PERMISSIONS], [REPORTS]],
    ['reads of both kinds: one permission covers both', [REPORT_READ_PERMISSIONS, READ_PERMISSIONS], [READ]],
    [
      'a read and a write: the write covers both',
      [READ_PERMISSIONS, WRITE_PERMISSIONS, REPORT_READ_PERMISSIONS],
      [WRITE]
    ],
    ['no routes', [], []],
    ['routes that need no permission', [[]], []],
    [
      'a smaller set wins over less privileged ones',
      [
        ['a', 'z'],
        ['b', 'z']
      ],
      ['z']
    ],
    [
      'of two sets of one size, the one whose most privileged member is least privileged',
      [
        ['a', 'b', 'c', 'd'],
        ['x', 'c', 'd'],
        ['y', 'b']
      ],
      // Order a, x, y, b, c, d: {x, b} (most privileged b) beats {y, c} and {b, c} (c).
      ['x', 'b']
    ]
  ])('%s', (_case, lists, expected) => {
    expect(leastPrivileged(lists)).toEqual(expected)
  })

  it('covers every list with many distinct permissions (a greedy cover above 16)', () => {
    const lists = Array.from({ length: 20 }, (_, index) => [`p${index}`, 'shared-but-broad'])
    expect(leastPrivileged(lists)).toEqual(['shared-but-broad'])
    const disjoint = Array.from({ length: 18 }, (_, index) => [`only${index}`])
    expect(leastPrivileged(disjoint)).toHaveLength(18)
  })
})

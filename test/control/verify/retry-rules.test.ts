import { describe, expect, it } from 'vitest'
import { retryStorm, retryTooEarly, TOLERANCE_MS } from '../../../src/control/verify/retry-rules.js'
import { RecordList, START } from '../../helpers/journal-records.js'

const ROUTE = '/beta/workflowBase/userProcessingResults/:id'
const at = (ms: number) => START + ms

/** A 429 answered after 10 ms that asks to wait `retryAfter` seconds, then requests sent at the given times. */
function throttledThen(retryAfter: number, sentAt: number[], overrides = {}): RecordList {
  const journal = new RecordList()
  journal.add(0, { started: at(0), duration: 10, status: 429, retryAfter, routed: ROUTE })
  sentAt.forEach((ms, index) => {
    journal.add(index + 1, { started: at(ms), routed: ROUTE, ...overrides })
  })
  return journal
}

const ids = (journal: RecordList, rule: typeof retryTooEarly) =>
  rule(journal.records()).map((finding) => finding.requestIds)

describe('retry-too-early', () => {
  it('flags requests to the route sent after the 429 arrived and before its Retry-After passed', () => {
    const journal = throttledThen(1, [11, 500, 1009, 2000])
    const [finding, ...others] = retryTooEarly(journal.records())
    expect(others).toEqual([])
    expect(finding).toMatchObject({
      rule: 'retry-too-early',
      severity: 'error',
      tenant: 't',
      app: 'app',
      route: `GET ${ROUTE}`,
      count: 3,
      requestIds: ['r0', 'r1', 'r2']
    })
    expect(finding?.message).toBe(
      '2 requests sent before the Retry-After of a 429 had passed (it asked for 1 s; the first came after 1 ms)'
    )
  })

  it.each([
    ['a client that waits the Retry-After', 1, [1010, 1500]],
    [`one within the ${TOLERANCE_MS} ms of clock noise`, 1, [1010 - TOLERANCE_MS + 1]],
    ['Retry-After: 0', 0, [11, 12]],
    ['requests sent while the 429 was still in flight', 1, [2, 4]]
  ])('does not flag %s', (_case, retryAfter, sentAt) => {
    expect(ids(throttledThen(retryAfter, sentAt), retryTooEarly)).toEqual([])
  })

  it.each([
    ['another app', { app: 'other' }],
    ['another tenant', { tenant: 'other' }],
    ['another route', { routed: '/beta/other/:id' }]
  ])('does not flag %s', (_case, overrides) => {
    expect(ids(throttledThen(1, [100], overrides), retryTooEarly)).toEqual([])
  })

  it('attributes each early request to the wait it broke', () => {
    const journal = new RecordList()
    journal.add(0, { started: at(0), duration: 10, status: 503, retryAfter: 1, routed: ROUTE })
    journal.add(1, { started: at(100), duration: 10, status: 429, retryAfter: 5, routed: ROUTE })
    journal.add(2, { started: at(200), routed: ROUTE })
    journal.add(3, { started: at(5200), routed: ROUTE })
    expect(ids(journal, retryTooEarly)).toEqual([
      ['r0', 'r1'],
      ['r1', 'r2']
    ])
  })
})

/** `count` attempts of one request `gapMs` apart, each answered with `status`. */
function attempts(count: number, gapMs: number, overrides = {}, status = 503): RecordList {
  const journal = new RecordList()
  for (let index = 0; index < count; index++)
    journal.add(index, { started: at(index * gapMs), status, url: '/beta/x/1', ...overrides })
  return journal
}

describe('retry-storm', () => {
  it('flags more than 5 retries of one request within 10 s', () => {
    const [finding, ...others] = retryStorm(attempts(7, 100).records())
    expect(others).toEqual([])
    expect(finding).toMatchObject({
      rule: 'retry-storm',
      severity: 'error',
      count: 6,
      requestIds: ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'],
      message: '6 retries of one GET /beta/x/1 within 10 s'
    })
  })

  it.each([
    ['5 retries', attempts(6, 100)],
    ['retries spread over more than 10 s', attempts(12, 2500)],
    ['repeats after successes (polling)', attempts(10, 100, {}, 200)]
  ])('does not flag %s', (_case, journal) => {
    expect(retryStorm(journal.records())).toEqual([])
  })

  it('knows one request by its client-request-id, whatever its URL; other ids are other requests', () => {
    const journal = new RecordList()
    for (let index = 0; index < 7; index++) {
      journal.add(index, {
        started: at(index * 10),
        status: 500,
        url: `/beta/x/${index}`,
        clientRequestId: 'same',
        sentClientRequestId: true
      })
    }
    for (let index = 7; index < 14; index++) {
      const clientRequestId = `fresh-${index}`
      journal.add(index, {
        started: at(index * 10),
        status: 500,
        clientRequestId,
        sentClientRequestId: true
      })
    }
    expect(retryStorm(journal.records()).map((finding) => finding.count)).toEqual([6])
  })

  it('tells requests with the same URL apart by their body', () => {
    const journal = new RecordList()
    for (let index = 0; index < 8; index++) {
      journal.add(
        index,
        { started: at(index * 10), status: 400, method: 'PATCH' },
        { requestBody: { n: index } }
      )
    }
    expect(retryStorm(journal.records())).toEqual([])
  })
})

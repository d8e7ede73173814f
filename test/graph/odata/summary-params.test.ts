import { describe, expect, it } from 'vitest'
import { parseSummaryParams } from '../../../src/graph/odata/summary-params.js'
import { parseDateTimeOffset } from '../../../src/model/date-time.js'
import { odataError } from '../../helpers/odata.js'

const rejection = (segment: string) => odataError(() => parseSummaryParams(segment))

const START = '2022-07-20T00:00:00Z'
const END = '2022-07-23T00:00:00Z'

describe('parseSummaryParams', () => {
  it.each([
    `summary(startDateTime=${START},endDateTime=${END})`,
    `microsoft.graph.identityGovernance.summary(startDateTime=${START},endDateTime=${END})`,
    `summary(endDateTime=${END},startDateTime=${START})`,
    `summary( startDateTime = ${START} , endDateTime = ${END} )`
  ])('reads %s', (segment) => {
    expect(parseSummaryParams(segment)).toEqual({
      start: parseDateTimeOffset(START),
      end: parseDateTimeOffset(END)
    })
  })

  it('reads what Kiota sends once decoded: toISOString() values', () => {
    const segment = decodeURIComponent(
      'microsoft.graph.identityGovernance.summary(startDateTime=2022-07-20T00%3A00%3A00.000Z,endDateTime=2022-07-23T00%3A00%3A00.000Z)'
    )
    expect(parseSummaryParams(segment)?.start).toBe(parseDateTimeOffset(START))
  })

  it('accepts offsets and an empty window', () => {
    const window = parseSummaryParams(
      'summary(startDateTime=2022-07-20T02:00:00+02:00,endDateTime=2022-07-20T00:00:00Z)'
    )
    expect(window?.start).toBe(window?.end)
  })

  it.each([
    '78b83505-6967-4168-a7ea-4921c0543ce9',
    'summaryX(a=b)',
    'Summary(startDateTime=x)',
    'graph.summary()'
  ])('leaves %s alone: it is not a summary call', (segment) => {
    expect(parseSummaryParams(segment)).toBeUndefined()
  })

  it.each([
    ['summary', 'summary', "expected '(' after 'summary' but found the end"],
    ['summary()', 'startDateTime', "The parameter 'startDateTime' is missing; call summary(startDateTime="],
    [`summary(startDateTime=${START})`, 'endDateTime', "The parameter 'endDateTime' is missing"],
    [`summary(endDateTime=${END})`, 'startDateTime', "'startDateTime' is missing"],
    [
      `summary(startDateTime=${START},startDateTime=${START})`,
      'startDateTime',
      "'startDateTime' is given twice"
    ],
    [
      `summary(startDateTime=${START},endDateTime=${END},extra=1)`,
      'summary',
      "expected startDateTime or endDateTime but found 'extra'"
    ],
    [`summary(startdatetime=${START},endDateTime=${END})`, 'summary', "found 'startdatetime'"],
    [
      `summary(startDateTime='${START}',endDateTime=${END})`,
      'startDateTime',
      `'${START}' (quoted) is not a DateTimeOffset; write it unquoted`
    ],
    [
      `summary(startDateTime=2022-07-20,endDateTime=${END})`,
      'startDateTime',
      "'2022-07-20' is not a DateTimeOffset"
    ],
    [
      `summary(startDateTime=${START},endDateTime=2022-02-30T00:00:00Z)`,
      'endDateTime',
      'is not a DateTimeOffset'
    ],
    [`summary(startDateTime=${START},endDateTime=)`, 'endDateTime', "')' is not a DateTimeOffset"],
    [
      `summary(startDateTime=${START} endDateTime=${END})`,
      'summary',
      "expected ',' or ')' but found 'endDateTime'"
    ],
    [`summary(startDateTime=${START},endDateTime=${END}`, 'summary', "expected ',' or ')' but found the end"],
    [`summary(startDateTime=${START},endDateTime=${END})x`, 'summary', "unexpected 'x' after ')'"],
    [`summary(startDateTime:${START})`, 'summary', "unexpected character ':'"],
    [
      `summary(startDateTime=${END},endDateTime=${START})`,
      'endDateTime',
      `Invalid endDateTime: ${START} is before startDateTime ${END}.`
    ]
  ])('rejects %s, naming %s', (segment, option, detail) => {
    const error = rejection(segment)
    expect(error.option).toBe(option)
    expect(error.message).toContain(option)
    expect(error.message).toContain(detail)
  })
})

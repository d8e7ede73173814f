import { describe, expect, it } from 'vitest'
import { parseOrderBy, sortItems } from '../../../src/graph/odata/orderby.js'
import { resultQueryTable } from '../../../src/graph/results/query-table.js'

const table = resultQueryTable({ version: 'beta', includeUnknownEnumMembers: true })

import { ids, makeRecord, odataError, results } from '../../helpers/odata.js'

const orderByError = (text: string) => odataError(() => parseOrderBy(text, table))

const sorted = (orderBy: string, items = results) => ids(sortItems(items, parseOrderBy(orderBy, table)))

describe('$orderby', () => {
  it('parses keys with optional directions', () => {
    expect(
      parseOrderBy('id, completedDateTime desc,processingStatus asc', table).map(({ path, descending }) => [
        path,
        descending
      ])
    ).toEqual([
      ['id', false],
      ['completedDateTime', true],
      ['processingStatus', false]
    ])
  })

  it('orders strings ordinally', () => {
    expect(sorted('id desc')).toEqual(["o'brien", 'd', 'c', 'b', 'a'])
  })

  it('orders date-times as instants, to the 7th fraction digit and across offsets, nulls first', () => {
    expect(sorted('completedDateTime')).toEqual(['c', 'd', "o'brien", 'a', 'b'])
    expect(sorted('completedDateTime asc')).toEqual(['c', 'd', "o'brien", 'a', 'b'])
  })

  it('puts nulls last when descending', () => {
    expect(sorted('completedDateTime desc')).toEqual(['b', 'a', "o'brien", 'c', 'd'])
  })

  it('orders enums by member value, not alphabetically', () => {
    // queued(0) inProgress(1) completed(2) failed(5) canceling(7)
    expect(sorted('processingStatus')).toEqual(['d', 'c', 'a', 'b', "o'brien"])
    expect(sorted('workflowExecutionType desc, id desc')).toEqual(["o'brien", 'c', 'b', 'a', 'd'])
  })

  it('breaks ties with later keys, then keeps the input order', () => {
    const items = [
      makeRecord('x', { processingStatus: 'failed' }),
      makeRecord('y', { processingStatus: 'queued' }),
      makeRecord('z', { processingStatus: 'failed' }),
      makeRecord('w', { processingStatus: 'queued' })
    ]
    expect(sorted('processingStatus', items)).toEqual(['y', 'w', 'x', 'z'])
    expect(sorted('processingStatus desc, id', items)).toEqual(['x', 'z', 'w', 'y'])
  })

  it('does not reorder its input', () => {
    const copy = [...results]
    sorted('id desc')
    expect(results).toEqual(copy)
  })

  it.each([
    ['', 'expected a property name but found the end of the expression'],
    ['id,', 'expected a property name but found the end'],
    [',id', "expected a property name but found ','"],
    ['id descending', "expected 'asc', 'desc', ',' or the end but found 'descending'"],
    ['id desc asc', "found 'asc'"],
    ['id DESC', "found 'DESC'"],
    [
      'foo',
      "Could not find a property named 'foo' on type 'microsoft.graph.identityGovernance.userProcessingResult'"
    ],
    ['failedTasksCount', "the property 'failedTasksCount' cannot be used in $orderby"],
    ['subject/id', "the property 'subject/id' cannot be used in $orderby"],
    ['subject', "the property 'subject' cannot be used in $orderby"],
    ['id, id desc', "the property 'id' appears more than once"],
    ["'id'", 'expected a property name but found a string literal'],
    ['id;', "unexpected character ';'"]
  ])('rejects %j', (text, detail) => {
    const error = orderByError(text)
    expect(error.option).toBe('$orderby')
    expect(error.message).toMatch(/^Invalid \$orderby: /)
    expect(error.message).toContain(detail)
  })
})

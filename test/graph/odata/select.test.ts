import { describe, expect, it } from 'vitest'
import { ODataQueryError } from '../../../src/graph/odata/query-error.js'
import { parseSelect, selectProperties } from '../../../src/graph/odata/select.js'
import { resultQueryTable } from '../../../src/graph/results/query-table.js'

const table = resultQueryTable({ version: 'beta', includeUnknownEnumMembers: true })

import { makeRecord } from '../../helpers/odata.js'

describe('$select', () => {
  it("keeps the client's order and drops repeats", () => {
    expect(parseSelect('processingStatus,id, subject ,id', table)).toEqual([
      'processingStatus',
      'id',
      'subject'
    ])
  })

  it('treats * as selecting everything', () => {
    expect(parseSelect('*', table)).toBeUndefined()
    expect(parseSelect('id,*', table)).toBeUndefined()
  })

  it('accepts every property of the entity', () => {
    expect(parseSelect(table.selectable.join(','), table)).toEqual(table.selectable)
  })

  it.each([
    [
      'foo',
      "Could not find a property named 'foo' on type 'microsoft.graph.identityGovernance.userProcessingResult'"
    ],
    ['id,displayName', "Could not find a property named 'displayName'"],
    ['ID', "Could not find a property named 'ID'"],
    ['', 'expected a property name but found the end of the expression'],
    ['id,', 'expected a property name but found the end'],
    ['id subject', "expected ',' or the end but found 'subject'"],
    ['subject/id', "expected ',' or the end but found '/'"]
  ])('rejects %j', (text, detail) => {
    let caught: unknown
    try {
      parseSelect(text, table)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ODataQueryError)
    expect((caught as ODataQueryError).option).toBe('$select')
    expect((caught as ODataQueryError).message).toMatch(/^Invalid \$select: /)
    expect((caught as ODataQueryError).message).toContain(detail)
  })

  it('projects an entity onto the selection in its own property order', () => {
    const entity = makeRecord('a')
    const projected = selectProperties(entity, ['subject', 'processingStatus', 'id'])
    expect(Object.keys(projected)).toEqual(['id', 'processingStatus', 'subject'])
    expect(projected).toEqual({ id: 'a', processingStatus: 'completed', subject: { id: 'user-a' } })
  })

  it('keeps a selected null', () => {
    expect(selectProperties(makeRecord('a', { completedDateTime: null }), ['completedDateTime'])).toEqual({
      completedDateTime: null
    })
  })

  it('copies the whole entity without a selection', () => {
    const entity = makeRecord('a')
    const copy = selectProperties(entity, undefined)
    expect(copy).toEqual(entity)
    expect(copy).not.toBe(entity)
  })
})

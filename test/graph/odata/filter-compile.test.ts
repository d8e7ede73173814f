import { describe, expect, it } from 'vitest'
import { GraphError } from '../../../src/graph/errors/graph-error.js'
import { compileFilter } from '../../../src/graph/odata/filter-compile.js'
import { parseFilter } from '../../../src/graph/odata/filter-parser.js'
import { resultQueryTable } from '../../../src/graph/results/query-table.js'

const userProcessingResultTable = resultQueryTable({ version: 'beta', includeUnknownEnumMembers: true })

import { ids, makeRecord, odataError, results } from '../../helpers/odata.js'

const compileError = (filter: string) =>
  odataError(() => compileFilter(parseFilter(filter), userProcessingResultTable))

const NS = 'microsoft.graph.identityGovernance'
const matching = (filter: string) =>
  ids(results.filter(compileFilter(parseFilter(filter), userProcessingResultTable)))

describe('compileFilter on userProcessingResults', () => {
  it('filters id with eq and ne, including escaped quotes', () => {
    expect(matching("id eq 'b'")).toEqual(['b'])
    expect(matching("id ne 'b'")).toEqual(['a', 'c', 'd', "o'brien"])
    expect(matching("id eq 'o''brien'")).toEqual(["o'brien"])
    expect(matching("id eq 'B'")).toEqual([])
  })

  it('filters subject/id', () => {
    expect(matching("subject/id eq 'user-c'")).toEqual(['c'])
    expect(matching("subject/id ne 'user-c'")).toEqual(['a', 'b', 'd', "o'brien"])
  })

  it('treats a missing subject as null', () => {
    const table = userProcessingResultTable
    const items = [makeRecord('x', { subject: undefined }), makeRecord('y')]
    const select = (filter: string) => ids(items.filter(compileFilter(parseFilter(filter), table)))
    expect(select('subject/id eq null')).toEqual(['x'])
    expect(select("subject/id ne 'user-y'")).toEqual(['x'])
  })

  it('filters enums written as strings or as qualified literals', () => {
    expect(matching("processingStatus eq 'failed'")).toEqual(['b'])
    expect(matching(`processingStatus eq ${NS}.lifecycleWorkflowProcessingStatus'failed'`)).toEqual(['b'])
    expect(matching("processingStatus ne 'completed'")).toEqual(['b', 'c', 'd', "o'brien"])
    expect(matching("workflowExecutionType eq 'scheduled'")).toEqual(['d'])
    expect(matching(`workflowExecutionType ne ${NS}.workflowExecutionType'scheduled'`)).toEqual([
      'a',
      'b',
      'c',
      "o'brien"
    ])
  })

  it('accepts evolvable members after unknownFutureValue', () => {
    expect(matching("processingStatus eq 'canceling'")).toEqual(["o'brien"])
  })

  it.each([
    ['lt', '2022-08-24T10:00:00.0000002Z', ["o'brien", 'a']],
    ['le', '2022-08-24T10:00:00.0000002Z', ["o'brien", 'a', 'b']],
    ['gt', '2022-08-24T10:00:00.0000001Z', ['b']],
    ['ge', '2022-08-24T10:00:00.0000001Z', ['a', 'b']],
    ['eq', '2022-08-24T10:00:00Z', ["o'brien"]],
    ['eq', '2022-08-24T12:00:00+02:00', ["o'brien"]],
    ['ne', '2022-08-24T10:00:00.0000001Z', ['b', 'c', 'd', "o'brien"]]
  ])('compares completedDateTime %s %s as instants at full precision', (operator, literal, expected) => {
    const found = matching(`completedDateTime ${operator} ${literal}`)
    expect(found.sort()).toEqual([...expected].sort())
  })

  it('never lets a null date-time satisfy an ordering comparison, but includes it in ne', () => {
    // c and d have no completedDateTime; d has no startedDateTime either.
    expect(matching('completedDateTime lt 2100-01-01T00:00:00Z')).not.toContain('c')
    expect(matching('completedDateTime gt 1900-01-01T00:00:00Z')).not.toContain('d')
    expect(matching('startedDateTime ne 2022-08-24T09:00:00Z')).toContain('d')
    expect(matching('startedDateTime eq 2022-08-24T09:00:00Z')).toEqual(['c'])
  })

  it('tests for null with eq null and ne null, on either side', () => {
    expect(matching('completedDateTime eq null')).toEqual(['c', 'd'])
    expect(matching('completedDateTime ne null')).toEqual(['a', 'b', "o'brien"])
    expect(matching('null eq startedDateTime')).toEqual(['d'])
    expect(matching('processingStatus eq null')).toEqual([])
  })

  it('filters scheduledDateTime and startedDateTime', () => {
    expect(matching('scheduledDateTime eq 2022-08-24T23:28:01.6476554Z')).toHaveLength(5)
    expect(matching('scheduledDateTime lt 2022-08-24T23:28:01.6476554Z')).toEqual([])
    expect(matching('startedDateTime lt 2022-08-24T10:00:00Z')).toEqual(['c'])
  })

  it('flips the operator when the literal is on the left', () => {
    expect(matching('2022-08-24T10:00:00.0000001Z lt completedDateTime')).toEqual(['b'])
    expect(matching("'b' eq id")).toEqual(['b'])
  })

  it('combines with and, or, not and parentheses using OData precedence', () => {
    expect(matching("id eq 'a' or id eq 'b' and processingStatus eq 'completed'")).toEqual(['a'])
    expect(matching("(id eq 'a' or id eq 'b') and processingStatus eq 'failed'")).toEqual(['b'])
    expect(matching("not (processingStatus eq 'completed') and completedDateTime ne null")).toEqual([
      'b',
      "o'brien"
    ])
    expect(matching('not (completedDateTime lt 2022-08-24T10:00:00.0000002Z)')).toEqual(['b', 'c', 'd'])
  })

  it.each([
    [
      'foo eq 1',
      "Could not find a property named 'foo' on type 'microsoft.graph.identityGovernance.userProcessingResult'"
    ],
    ["subject/displayName eq 'x'", "the property 'subject/displayName' cannot be used in $filter"],
    ["Id eq 'a'", "Could not find a property named 'Id'"],
    ['failedTasksCount eq 0', "the property 'failedTasksCount' cannot be used in $filter"],
    ["id lt 'a'", "the operator 'lt' is not allowed on 'id'; use eq, ne"],
    ["processingStatus gt 'queued'", "the operator 'gt' is not allowed on 'processingStatus'"],
    ["subject/id ge 'a'", "the operator 'ge' is not allowed on 'subject/id'"],
    [
      "processingStatus eq 'done'",
      `the string 'done' is not a valid enumeration type constant of '${NS}.lifecycleWorkflowProcessingStatus'`
    ],
    ["processingStatus eq 'Completed'", 'is not a valid enumeration type constant'],
    [`processingStatus eq ${NS}.lifecycleWorkflowProcessingStatus'done'`, "the string 'done'"],
    [
      `processingStatus eq ${NS}.workflowExecutionType'scheduled'`,
      `is of type '${NS}.lifecycleWorkflowProcessingStatus', not '${NS}.workflowExecutionType'`
    ],
    ["workflowExecutionType eq 'queued'", `constant of '${NS}.workflowExecutionType'`],
    ['processingStatus eq 2', 'cannot be compared with the number 2'],
    ["completedDateTime gt '2022-08-24T10:00:00Z'", 'write DateTimeOffset literals without quotes'],
    [
      'completedDateTime gt 5',
      "'completedDateTime' is Edm.DateTimeOffset and cannot be compared with the number 5"
    ],
    ['id eq 78b83505-6967-4168-a7ea-4921c0543ce9', "quote it: '78b83505-6967-4168-a7ea-4921c0543ce9'"],
    ['id eq 2022-08-24T10:00:00Z', "'id' is Edm.String and cannot be compared with the DateTimeOffset"],
    ['id eq true', 'cannot be compared with the boolean true'],
    [
      'completedDateTime lt null',
      "'completedDateTime lt null' is not allowed; compare with null using eq or ne"
    ],
    ['id', "'id' is not a condition"],
    ["id eq 'a' and id", "'id' is not a condition"],
    ['not id', "'id' is not a condition"],
    ["'a'", "the string 'a' is not a condition"],
    ['startedDateTime lt completedDateTime', 'comparing two properties'],
    ["'a' eq 'a'", 'needs a property on one side and a literal on the other'],
    ["(id eq 'a') eq true", 'needs a property on one side']
  ])('rejects %j', (filter, detail) => {
    const error = compileError(filter)
    expect(error.option).toBe('$filter')
    expect(error.message).toMatch(/^Invalid \$filter: /)
    expect(error.message).toContain(detail)
  })

  it('lists the valid members when an enum literal is not one', () => {
    expect(compileError("workflowExecutionType eq 'nightly'").message).toContain(
      'use one of: scheduled, onDemand, unknownFutureValue, activatedWithScope, preview, extensibilityOnDemand.'
    )
  })

  it('is a Graph 400 BadRequest', () => {
    const error = compileError('foo eq 1')
    expect(error).toBeInstanceOf(GraphError)
    expect([error.statusCode, error.code]).toEqual([400, 'BadRequest'])
  })

  it('refuses evolvable members unless the client opted in to them, as in a body', () => {
    const withoutOptIn = resultQueryTable({ version: 'beta', includeUnknownEnumMembers: false })
    for (const literal of ["'canceling'", `${NS}.lifecycleWorkflowProcessingStatus'quarantined'`]) {
      const error = odataError(() =>
        compileFilter(parseFilter(`processingStatus eq ${literal}`), withoutOptIn)
      )
      expect(error.message).toContain(
        "only accepted when the request has the header 'Prefer: include-unknown-enum-members'"
      )
    }
    const visible = compileFilter(parseFilter("processingStatus eq 'unknownFutureValue'"), withoutOptIn)
    expect(visible(makeRecord('x', { processingStatus: 'unknownFutureValue' }))).toBe(true)
    expect(
      odataError(() => compileFilter(parseFilter("workflowExecutionType ne 'preview'"), withoutOptIn)).message
    ).toContain(`'preview' of type '${NS}.workflowExecutionType'`)
  })
})

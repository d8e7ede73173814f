import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_TOKEN_TENANT } from '../../../src/model/token.js'
import type { MemoryStore } from '../../../src/store/memory-store.js'
import { results as records } from '../../helpers/odata.js'
import { buildWorkflowApp, get, workflowResults } from '../../helpers/workflows.js'

const NS = 'microsoft.graph.identityGovernance'
const W = 'w'

let app: FastifyInstance
let store: MemoryStore

beforeEach(async () => {
  const built = await buildWorkflowApp({
    records,
    workflows: [{ id: W, resultIds: records.map((r) => r.id), runs: [] }]
  })
  app = built.app
  store = built.store as MemoryStore
})

afterEach(async () => {
  await app.close()
})

const query = (options: string) => get(app, `${workflowResults(W)}?${options}`)
const idsOf = async (options: string) => {
  const { status, json } = await query(options)
  expect(status).toBe(200)
  return (json.value as { id: string }[]).map((entity) => entity.id)
}

describe('$filter over HTTP', () => {
  it.each([
    ["id eq 'b'", ['b']],
    ["id ne 'b'", ['a', 'c', 'd', "o'brien"]],
    ["id eq 'o''brien'", ["o'brien"]],
    ["subject/id eq 'user-d'", ['d']],
    ["subject/id ne 'user-d'", ['a', 'b', 'c', "o'brien"]],
    ["processingStatus eq 'failed'", ['b']],
    [`processingStatus eq ${NS}.lifecycleWorkflowProcessingStatus'failed'`, ['b']],
    ["processingStatus ne 'completed'", ['b', 'c', 'd', "o'brien"]],
    ["processingStatus eq 'unknownFutureValue'", ["o'brien"]],
    ["workflowExecutionType eq 'scheduled'", ['d']],
    ["workflowExecutionType ne 'scheduled'", ['a', 'b', 'c', "o'brien"]],
    ['completedDateTime lt 2022-08-24T10:00:00.0000002Z', ['a', "o'brien"]],
    ['completedDateTime le 2022-08-24T10:00:00.0000002Z', ['a', 'b', "o'brien"]],
    ['completedDateTime gt 2022-08-24T10:00:00.0000001Z', ['b']],
    ['completedDateTime ge 2022-08-24T10:00:00.0000002Z', ['b']],
    ['completedDateTime eq 2022-08-24T12:00:00.0000001%2B02:00', ['a']],
    ['completedDateTime ne 2022-08-24T10:00:00.0000001Z', ['b', 'c', 'd', "o'brien"]],
    ['completedDateTime eq null', ['c', 'd']],
    ['startedDateTime ne null', ['a', 'b', 'c', "o'brien"]],
    ['startedDateTime lt 2022-08-24T10:00:00Z', ['c']],
    ['scheduledDateTime ge 2022-08-24T23:28:01.6476554Z', ['a', 'b', 'c', 'd', "o'brien"]],
    ['scheduledDateTime gt 2022-08-24T23:28:01.6476554Z', []],
    ["id eq 'a' or id eq 'b' and processingStatus eq 'completed'", ['a']],
    ["(id eq 'a' or id eq 'b') and processingStatus eq 'failed'", ['b']],
    ["not (processingStatus eq 'completed')", ['b', 'c', 'd', "o'brien"]]
  ])('%s', async (filter, expected) => {
    expect(await idsOf(`$filter=${encodeURIComponent(filter).replaceAll('%252B', '%2B')}`)).toEqual(expected)
  })

  it('accepts the unencoded form curl users type, and filter without $', async () => {
    expect(await idsOf("$filter=id eq 'b'")).toEqual(['b'])
    expect(await idsOf("filter=id+eq+'b'")).toEqual(['b'])
  })
})

describe('$orderby, $select and $count over HTTP', () => {
  it('orders by several keys', async () => {
    expect(await idsOf('$orderby=completedDateTime desc,id')).toEqual(['b', 'a', "o'brien", 'c', 'd'])
    // queued, inProgress, completed, failed, then canceling shown as unknownFutureValue
    expect(await idsOf('$orderby=processingStatus')).toEqual(['d', 'c', 'a', 'b', "o'brien"])
  })

  it('selects properties, in the context URL too', async () => {
    const { json } = await query("$select=processingStatus,id&$filter=id eq 'b'")
    expect(json['@odata.context']).toMatch(
      /\/workflows\('w'\)\/userProcessingResults\(processingStatus,id\)$/
    )
    expect(json.value).toEqual([{ id: 'b', processingStatus: 'failed' }])
  })

  it('counts the filtered collection, not the page', async () => {
    const { json } = await query("$filter=id ne 'a'&$count=true&$top=2")
    expect(json['@odata.count']).toBe(4)
    expect(json.value).toHaveLength(2)
    expect(Object.keys(json)).toEqual(['@odata.context', '@odata.count', '@odata.nextLink', 'value'])
  })
})

describe('bad queries', () => {
  it.each([
    ['$filter=foo eq 1', '$filter', "Invalid $filter: Could not find a property named 'foo'"],
    ["$filter=id eq 'a", '$filter', 'not closed with a quote'],
    ['$filter=', '$filter', 'the expression is empty'],
    [
      "$filter=processingStatus eq 'done'",
      '$filter',
      "the string 'done' is not a valid enumeration type constant"
    ],
    ["$filter=processingStatus eq 'canceling'", '$filter', "header 'Prefer: include-unknown-enum-members'"],
    ['$filter=completedDateTime gt 2026-02-30T00:00:00Z', '$filter', 'is not a valid DateTimeOffset'],
    [`$filter=${'('.repeat(500)}`, '$filter', 'deeper than 100 levels'],
    ['$orderby=failedTasksCount', '$orderby', "the property 'failedTasksCount' cannot be used in $orderby"],
    ['$select=displayName', '$select', "Could not find a property named 'displayName'"],
    ['$top=-1', '$top', "Invalid $top: '-1'"],
    ['$count=maybe', '$count', "Invalid $count: 'maybe'"],
    ['$skiptoken=garbage', '$skiptoken', 'Invalid $skiptoken: the token is malformed'],
    ['$skip=2', '$skip', "Query option '$skip' is not supported by the service."],
    ['$search=x', '$search', "Query option '$search' is not supported by the service."],
    ['$expand=reprocessedRuns', '$expand', "'reprocessedRuns' cannot be expanded"],
    ['$foo=1', '$foo', "The query parameter '$foo' is not supported."],
    ['$top=1&top=2', '$top', "Query option '$top' was specified more than once"]
  ])('%s is a 400 naming %s', async (options, option, message) => {
    const before = await store.list(DEFAULT_TOKEN_TENANT)
    const { status, json, response } = await query(options)
    expect(status).toBe(400)
    expect(response.headers['content-type']).toContain('application/json')
    expect(json.error.code).toBe('BadRequest')
    expect(json.error.message).toContain(option)
    expect(json.error.message).toContain(message)
    expect(json.error.innerError['request-id']).toBe(response.headers['request-id'])
    expect(await store.list(DEFAULT_TOKEN_TENANT)).toEqual(before)
  })

  it('names the option on /$count too', async () => {
    const { status, json } = await get(app, `${workflowResults(W)}/$count?$top=1`)
    expect(status).toBe(400)
    expect(json.error.message).toBe("Query option '$top' cannot be used on /$count; only $filter can.")
  })
})

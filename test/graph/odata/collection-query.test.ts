import { describe, expect, it } from 'vitest'
import {
  parseCollectionQuery,
  parseCountQuery,
  parseEntityQuery
} from '../../../src/graph/odata/collection-query.js'
import { applyQuery, nextPageQuery, type QueryPage } from '../../../src/graph/odata/paging.js'
import type { PresentedResult } from '../../../src/graph/results/present.js'
import { resultQueryTable } from '../../../src/graph/results/query-table.js'
import { ids, makeRecord, odataError, results } from '../../helpers/odata.js'

const table = resultQueryTable({ version: 'beta', includeUnknownEnumMembers: true })

const many = Array.from({ length: 23 }, (_, i) =>
  makeRecord(`r${String(i).padStart(2, '0')}`, {
    processingStatus: i % 3 === 0 ? 'failed' : 'completed',
    completedDateTime: i % 4 === 0 ? null : `2022-08-24T10:00:00.${String(i).padStart(7, '0')}Z`
  })
)

// Follows next links the way a client does, returning every page's ids.
function allPages(rawQuery: string, pageSize: number, items = many): string[][] {
  const pages: string[][] = []
  let query: string | undefined = rawQuery
  for (let guard = 0; query !== undefined && guard < 100; guard++) {
    const result: QueryPage<PresentedResult> = applyQuery(items, parseCollectionQuery(query, table), pageSize)
    pages.push(ids(result.page))
    query = result.nextSkiptoken === undefined ? undefined : nextPageQuery(query, result.nextSkiptoken)
  }
  return pages
}

describe('parseCollectionQuery + applyQuery', () => {
  it('returns everything in input order without options', () => {
    const { page, total, nextSkiptoken } = applyQuery(results, parseCollectionQuery('', table), 100)
    expect(ids(page)).toEqual(ids(results))
    expect(total).toBe(5)
    expect(nextSkiptoken).toBeUndefined()
  })

  it('filters, orders and reports the filtered total', () => {
    const plan = parseCollectionQuery(
      "$filter=processingStatus ne 'completed'&$orderby=id desc&$count=true",
      table
    )
    const { page, total } = applyQuery(results, plan, 100)
    expect(ids(page)).toEqual(["o'brien", 'd', 'c', 'b'])
    expect(total).toBe(4)
    expect(plan.count).toBe(true)
  })

  it('carries $select through the plan', () => {
    expect(parseCollectionQuery('$select=id,subject', table).select).toEqual(['id', 'subject'])
    expect(parseCollectionQuery('', table).select).toBeUndefined()
  })

  it('pages through everything with no duplicates or gaps, keeping filter and order', () => {
    const pages = allPages("$filter=processingStatus eq 'completed'&$orderby=completedDateTime desc", 4)
    const expected = ids(
      applyQuery(
        many,
        parseCollectionQuery(
          "$filter=processingStatus eq 'completed'&$orderby=completedDateTime desc",
          table
        ),
        1000
      ).page
    )
    expect(pages.map((page) => page.length)).toEqual([4, 4, 4, 3])
    expect(pages.flat()).toEqual(expected)
    expect(new Set(pages.flat()).size).toBe(15)
  })

  it('uses $top as the page size, as Graph does, and keeps it on later pages', () => {
    const pages = allPages('$top=10', 4)
    expect(pages.map((page) => page.length)).toEqual([10, 10, 3])
    expect(pages.flat()).toEqual(ids(many))
  })

  it('ends exactly at the last item when the total is a multiple of the page size', () => {
    const pages = allPages('', 5, many.slice(0, 20))
    expect(pages.map((page) => page.length)).toEqual([5, 5, 5, 5])
  })

  it('answers $top=0 with an empty page and no next link, but the total', () => {
    const { page, total, nextSkiptoken } = applyQuery(
      many,
      parseCollectionQuery('$top=0&$count=true', table),
      4
    )
    expect(page).toEqual([])
    expect(total).toBe(23)
    expect(nextSkiptoken).toBeUndefined()
  })

  it('returns an empty last page for a token past the end, e.g. after items left the filter', () => {
    const first = applyQuery(many, parseCollectionQuery('$top=20', table), 100)
    const next = nextPageQuery('$top=20', first.nextSkiptoken ?? '')
    const { page, nextSkiptoken } = applyQuery(many.slice(0, 10), parseCollectionQuery(next, table), 100)
    expect(page).toEqual([])
    expect(nextSkiptoken).toBeUndefined()
  })

  it('accepts a $skiptoken with a different $select or $top, which do not change the positions', () => {
    const { nextSkiptoken } = applyQuery(many, parseCollectionQuery('$orderby=id desc&$top=5', table), 100)
    const plan = parseCollectionQuery(`$orderby=id desc&$top=7&$select=id&$skiptoken=${nextSkiptoken}`, table)
    expect(plan.position).toBe(5)
  })

  it.each([
    ['$filter', "$filter=id ne 'x'"],
    ['$orderby', '$orderby=id']
  ])('refuses a $skiptoken replayed with another %s', (_, changed) => {
    const { nextSkiptoken } = applyQuery(many, parseCollectionQuery('$top=5', table), 100)
    const error = odataError(() => parseCollectionQuery(`${changed}&$skiptoken=${nextSkiptoken}`, table))
    expect(error.option).toBe('$skiptoken')
    expect(error.message).toContain('issued for a different $filter or $orderby')
  })

  it.each(['garbage', '', 'eyJwIjotMSwicSI6IngifQ', Buffer.from('{"p":1.5,"q":"x"}').toString('base64url')])(
    'refuses the malformed $skiptoken %j',
    (token) => {
      const error = odataError(() => parseCollectionQuery(`$skiptoken=${token}`, table))
      expect(error.option).toBe('$skiptoken')
      expect(error.message).toMatch(/^Invalid \$skiptoken: the token is malformed/)
    }
  )

  it.each([
    ['$top=-1', '$top', "Invalid $top: '-1' is not a non-negative integer."],
    ['$top=1.5', '$top', "'1.5' is not a non-negative integer"],
    ['$top=abc', '$top', "'abc' is not"],
    ['$top=', '$top', "'' is not"],
    ['$top=99999999999999999999', '$top', 'is not a non-negative integer'],
    ['$count=yes', '$count', "Invalid $count: 'yes' is neither true nor false."],
    ['$count=True', '$count', "'True' is neither"],
    [
      '$expand=reprocessedRuns',
      '$expand',
      "Invalid $expand: 'reprocessedRuns' cannot be expanded; only subject, taskProcessingResults can."
    ],
    ['$expand=*', '$expand', "'*' cannot be expanded"],
    ["$filter=id eq 'a", '$filter', 'not closed'],
    ['$orderby=foo', '$orderby', "'foo'"],
    ['$select=foo', '$select', "'foo'"],
    ['$skip=1', '$skip', 'not supported']
  ])('rejects %j naming %s', (rawQuery, option, detail) => {
    const error = odataError(() => parseCollectionQuery(rawQuery, table))
    expect(error.option).toBe(option)
    expect(error.message).toContain(option)
    expect(error.message).toContain(detail)
  })

  it('reads $expand of subject and taskProcessingResults, and $count=false', () => {
    const plan = parseCollectionQuery('$expand=subject,taskProcessingResults&$count=false', table)
    expect(plan.count).toBe(false)
    expect(plan.expand).toEqual(['subject', 'taskProcessingResults'])
  })
})

describe('parseEntityQuery', () => {
  it('reads $select and $expand', () => {
    expect(parseEntityQuery('$select=id,processingStatus&$expand=subject', table)).toEqual({
      select: ['id', 'processingStatus'],
      expand: ['subject']
    })
  })

  it('refuses collection options and bad selections', () => {
    expect(odataError(() => parseEntityQuery('$filter=x', table)).option).toBe('$filter')
    expect(odataError(() => parseEntityQuery('$select=nope', table)).option).toBe('$select')
    expect(odataError(() => parseEntityQuery('$expand=reprocessedRuns', table)).option).toBe('$expand')
  })
})

describe('parseCountQuery', () => {
  it('counts what the filter lets through', () => {
    const { filter } = parseCountQuery("$filter=processingStatus eq 'failed'", table)
    expect(many.filter(filter ?? (() => true))).toHaveLength(8)
    expect(parseCountQuery('', table).filter).toBeUndefined()
  })

  it('refuses other options', () => {
    expect(odataError(() => parseCountQuery('$top=1', table)).option).toBe('$top')
  })
})

describe('nextPageQuery', () => {
  it('keeps the parameters as the client encoded them and replaces the skiptoken', () => {
    expect(nextPageQuery("?%24filter=id%20eq%20'a'&$top=2&$skiptoken=old&foo=1", 'new')).toBe(
      "%24filter=id%20eq%20'a'&$top=2&foo=1&$skiptoken=new"
    )
  })

  it('drops skiptokens however they are spelled', () => {
    expect(nextPageQuery('skiptoken=a&%24SkipToken=b&$top=1', 'new')).toBe('$top=1&$skiptoken=new')
  })

  it('survives malformed percent-encoding', () => {
    expect(nextPageQuery('%E0%A4%A=1', 't')).toBe('%E0%A4%A=1&$skiptoken=t')
  })

  it('starts a query string when there was none', () => {
    expect(nextPageQuery('', 't')).toBe('$skiptoken=t')
  })
})

import { describe, expect, it } from 'vitest'
import { type QueryTarget, readQueryOptions, refusedOption } from '../../../src/graph/odata/query-options.js'
import { odataError } from '../../helpers/odata.js'

const rejection = (rawQuery: string, target: QueryTarget = 'collection') =>
  odataError(() => readQueryOptions(rawQuery, target))

describe('readQueryOptions', () => {
  it('decodes values and keys them by $name', () => {
    const options = readQueryOptions(
      "?$filter=id%20eq%20'a'&$orderby=id+desc&$select=id&$top=5&$count=true&$skiptoken=abc&$expand=subject",
      'collection'
    )
    expect(Object.fromEntries(options)).toEqual({
      $filter: "id eq 'a'",
      $orderby: 'id desc',
      $select: 'id',
      $top: '5',
      $count: 'true',
      $skiptoken: 'abc',
      $expand: 'subject'
    })
  })

  it('reads percent-encoded option names, as SDKs send them', () => {
    expect(readQueryOptions('%24filter=x&%24top=1', 'collection').get('$filter')).toBe('x')
  })

  it('accepts option names without $ and in any case, as the beta endpoint does', () => {
    const options = readQueryOptions('filter=x&Top=2&$SELECT=id', 'collection')
    expect(Object.fromEntries(options)).toEqual({ $filter: 'x', $top: '2', $select: 'id' })
  })

  it('ignores custom query options and parameter aliases', () => {
    expect(readQueryOptions('foo=1&@p=2&&=3', 'collection').size).toBe(0)
  })

  it.each([
    ['$filter=a&$filter=b', '$filter'],
    ['$filter=a&filter=b', '$filter'],
    ['$top=1&$TOP=2', '$top']
  ])('rejects %j: the option is given twice', (rawQuery, option) => {
    const error = rejection(rawQuery)
    expect(error.option).toBe(option)
    expect(error.message).toBe(
      `Query option '${option}' was specified more than once, but it must be specified at most once.`
    )
  })

  it.each([
    ['$skip=2', '$skip', 'Page with $top and the @odata.nextLink'],
    ['skip=2', '$skip', 'not supported by the service'],
    ['$search="a"', '$search', 'Use $filter instead'],
    ['$format=json', '$format', 'not supported by the service'],
    ['$apply=groupby((id))', '$apply', 'not supported by the service'],
    ['$deltatoken=x', '$deltatoken', 'not supported by the service']
  ])('rejects the unsupported option in %j', (rawQuery, option, detail) => {
    const error = rejection(rawQuery)
    expect(error.option).toBe(option)
    expect(error.message).toContain(`Query option '${option}' is not supported by the service.`)
    expect(error.message).toContain(detail)
  })

  it('rejects an unknown $ option, naming it as sent', () => {
    const error = rejection('$Xyz=1')
    expect(error.option).toBe('$Xyz')
    expect(error.message).toBe("The query parameter '$Xyz' is not supported.")
  })

  it.each(['$filter', '$orderby', '$top', '$count', '$skiptoken'])(
    'rejects %s on a single entity',
    (option) => {
      const error = rejection(`${option}=x`, 'entity')
      expect(error.option).toBe(option)
      expect(error.message).toBe(`Query option '${option}' can be applied only to a collection.`)
    }
  )

  it('accepts $select and $expand on a single entity', () => {
    expect(readQueryOptions('$select=id&$expand=subject', 'entity').size).toBe(2)
  })

  it.each(['$top', '$orderby', '$select', '$count', '$skiptoken', '$expand'])(
    'rejects %s on /$count',
    (option) => {
      const error = rejection(`${option}=x`, 'count')
      expect(error.option).toBe(option)
      expect(error.message).toBe(`Query option '${option}' cannot be used on /$count; only $filter can.`)
    }
  )

  it('accepts $filter on /$count', () => {
    expect(readQueryOptions('$filter=x', 'count').get('$filter')).toBe('x')
  })

  it.each(['$select', '$filter', '$top'])("rejects %s on a function's result", (option) => {
    const error = rejection(`${option}=x`, 'function')
    expect(error.option).toBe(option)
    expect(error.message).toBe(`Query option '${option}' cannot be applied to a function's result.`)
  })
})

describe('refusedOption', () => {
  it.each([
    ['$filter=x&$skip=2', 'collection', '$skip'],
    ['SKIP=2', 'collection', '$skip'],
    ['$top=1', 'entity', '$top'],
    ['$select=id', 'count', '$select'],
    ['$select=id', 'function', '$select'],
    ['$Unknown=1', 'collection', '$Unknown']
  ] as const)('%s on a %s is refused because of %s', (query, target, option) => {
    expect(refusedOption(query, target)).toBe(option)
  })

  it.each([
    ['', 'collection'],
    ['$filter=x&%24top=1&foo=bar', 'collection'],
    ['select=id&$expand=subject', 'entity'],
    ['$filter=x', 'count']
  ] as const)('%s on a %s is taken', (query, target) => {
    expect(refusedOption(query, target)).toBeUndefined()
  })
})

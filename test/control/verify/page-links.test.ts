import { describe, expect, it } from 'vitest'
import { MAX_PAGE_LINKS, PageLinks } from '../../../src/control/verify/page-links.js'

const LINK = "http://127.0.0.1:4000/beta/a/b?$filter=x%20eq%20'1'&$top=2&$skiptoken=abc"

describe('PageLinks', () => {
  it.each([
    ['as handed out', "/beta/a/b?$filter=x%20eq%20'1'&$top=2&$skiptoken=abc"],
    [
      'with $ written %24, options in another order, another case',
      "/BETA/a/b/?%24top=2&%24SKIPTOKEN=abc&%24filter=x+eq+'1'"
    ]
  ])('knows a followed link %s', (_case, url) => {
    const links = new PageLinks()
    links.issue('t', LINK)
    expect(links.follow('t', url)).toBe('followed')
  })

  it.each([
    ['another token', "/beta/a/b?$filter=x%20eq%20'1'&$top=2&$skiptoken=abd"],
    ['the token with other options', '/beta/a/b?$top=5&$skiptoken=abc'],
    ['$skip, which the mock never hands out', '/beta/a/b?$skip=2'],
    ['skiptoken without $', '/beta/a/b?skiptoken=zzz']
  ])('holds %s as invented', (_case, url) => {
    const links = new PageLinks()
    links.issue('t', LINK)
    expect(links.follow('t', url)).toBe('invented')
  })

  it.each(['/beta/a/b', '/beta/a/b?$top=2', '/beta/a/b?skipper=1', 'http://[::1/x?$skip=1'])(
    'says %s is no paging request',
    (url) => {
      expect(new PageLinks().follow('t', url)).toBeUndefined()
    }
  )

  it('keeps links per tenant, and clears one tenant or all', () => {
    const links = new PageLinks()
    links.issue('a', LINK)
    links.issue('b', LINK)
    const url = new URL(LINK)
    const path = `${url.pathname}${url.search}`
    expect(links.follow('c', path)).toBe('invented')
    links.clear('a')
    expect(links.follow('a', path)).toBe('invented')
    expect(links.follow('b', path)).toBe('followed')
    links.clear()
    expect(links.follow('b', path)).toBe('invented')
  })

  it(`remembers the ${MAX_PAGE_LINKS} links last handed out or followed`, () => {
    const links = new PageLinks()
    links.issue('t', 'http://h/beta/x?$skiptoken=first')
    links.issue('t', 'http://h/beta/x?$skiptoken=second')
    for (let index = 0; index < MAX_PAGE_LINKS - 2; index++)
      links.issue('t', `http://h/beta/x?$skiptoken=${index}`)
    expect(links.follow('t', '/beta/x?$skiptoken=first')).toBe('followed')
    links.issue('t', 'http://h/beta/x?$skiptoken=one-more')
    expect(links.follow('t', '/beta/x?$skiptoken=second')).toBe('invented')
    expect(links.follow('t', '/beta/x?$skiptoken=first')).toBe('followed')
  })
})

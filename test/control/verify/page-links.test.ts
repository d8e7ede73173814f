import { describe, expect, it } from 'vitest'
import { MAX_PAGE_LINKS } from '../../../src/control/verify/page-links.js'
import { bothBackends } from '../../helpers/backends.js'

const LINK = "http://127.0.0.1:4000/beta/a/b?$filter=x%20eq%20'1'&$top=2&$skiptoken=abc"

describe.each(bothBackends())('PageLinks ($name)', (backend) => {
  it.each([
    ['as handed out', "/beta/a/b?$filter=x%20eq%20'1'&$top=2&$skiptoken=abc"],
    [
      'with $ written %24, options in another order, another case',
      "/BETA/a/b/?%24top=2&%24SKIPTOKEN=abc&%24filter=x+eq+'1'"
    ]
  ])('knows a followed link %s', async (_case, url) => {
    const links = await backend.pageLinks()
    await links.issue('t', LINK)
    expect(await links.follow('t', url)).toBe('followed')
  })

  it.each([
    ['another token', "/beta/a/b?$filter=x%20eq%20'1'&$top=2&$skiptoken=abd"],
    ['the token with other options', '/beta/a/b?$top=5&$skiptoken=abc'],
    ['$skip, which the mock never hands out', '/beta/a/b?$skip=2'],
    ['skiptoken without $', '/beta/a/b?skiptoken=zzz']
  ])('holds %s as invented', async (_case, url) => {
    const links = await backend.pageLinks()
    await links.issue('t', LINK)
    expect(await links.follow('t', url)).toBe('invented')
  })

  it.each(['/beta/a/b', '/beta/a/b?$top=2', '/beta/a/b?skipper=1', 'http://[::1/x?$skip=1'])(
    'says %s is no paging request',
    async (url) => {
      expect(await (await backend.pageLinks()).follow('t', url)).toBeUndefined()
    }
  )

  it('keeps links per tenant, and clears one tenant or all', async () => {
    const links = await backend.pageLinks()
    await links.issue('a', LINK)
    await links.issue('b', LINK)
    const url = new URL(LINK)
    const path = `${url.pathname}${url.search}`
    expect(await links.follow('c', path)).toBe('invented')
    await links.clear('a')
    expect(await links.follow('a', path)).toBe('invented')
    expect(await links.follow('b', path)).toBe('followed')
    await links.clear()
    expect(await links.follow('b', path)).toBe('invented')
  })

  it(`remembers the ${MAX_PAGE_LINKS} links last handed out or followed`, async () => {
    const links = await backend.pageLinks()
    await links.issue('t', 'http://h/beta/x?$skiptoken=first')
    await links.issue('t', 'http://h/beta/x?$skiptoken=second')
    const rest = Array.from({ length: MAX_PAGE_LINKS - 2 }, (_, index) =>
      links.issue('t', `http://h/beta/x?$skiptoken=${index}`)
    )
    await Promise.all(rest)
    expect(await links.follow('t', '/beta/x?$skiptoken=first')).toBe('followed')
    await links.issue('t', 'http://h/beta/x?$skiptoken=one-more')
    expect(await links.follow('t', '/beta/x?$skiptoken=second')).toBe('invented')
    expect(await links.follow('t', '/beta/x?$skiptoken=first')).toBe('followed')
  })
})

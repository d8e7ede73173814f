/**
 * The query string of the next page: the request's own parameters as the client encoded them, minus
 * any old skiptoken, plus the new one. Keeping them verbatim keeps $filter, $orderby, $select, $top.
 */
export function nextPageQuery(rawQuery: string, skiptoken: string): string {
  const kept = rawQuery
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '' && !isSkiptoken(part))
  return [...kept, `$skiptoken=${skiptoken}`].join('&')
}

function isSkiptoken(part: string): boolean {
  const [name = ''] = part.split('=', 1)
  try {
    return /^\$?skiptoken$/i.test(decodeURIComponent(name.replaceAll('+', ' ')))
  } catch {
    return false
  }
}

import { createHash } from 'node:crypto'
import { ODataQueryError } from './query-error.js'

const OPTION = '$skiptoken'
const MALFORMED = 'the token is malformed; use the @odata.nextLink of a previous page as is.'

/**
 * Fingerprint of the options that decide which items come in which order. A $skiptoken carries it, so a
 * token replayed with another $filter or $orderby is refused instead of paging through a different list.
 */
export function queryFingerprint(filter: string | undefined, orderBy: string | undefined): string {
  return createHash('sha256')
    .update(JSON.stringify([filter ?? null, orderBy ?? null]))
    .digest('base64url')
    .slice(0, 16)
}

/** An opaque, URL-safe token for "continue at `position` of the query with this fingerprint". */
export function encodeSkiptoken(position: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ p: position, q: fingerprint })).toString('base64url')
}

export function decodeSkiptoken(token: string, fingerprint: string): number {
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
  } catch {
    throw ODataQueryError.invalid(OPTION, MALFORMED)
  }
  const { p: position, q: issuedFor } = (decoded ?? {}) as { p?: unknown; q?: unknown }
  if (typeof issuedFor !== 'string' || !Number.isSafeInteger(position) || (position as number) < 0) {
    throw ODataQueryError.invalid(OPTION, MALFORMED)
  }
  if (issuedFor !== fingerprint) {
    throw ODataQueryError.invalid(
      OPTION,
      'the token was issued for a different $filter or $orderby; keep the query options of @odata.nextLink.'
    )
  }
  return position as number
}

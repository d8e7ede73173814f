import fc from 'fast-check'
import { headerText, hugeText } from './primitives.js'

/** Content types, Graph and CORS headers with odd values, and random extra headers. */

export const contentType = fc.oneof(
  {
    weight: 16,
    arbitrary: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json;odata.metadata=minimal'
    )
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json-patch+json',
      'application/jsonx',
      ';'
    )
  },
  { weight: 1, arbitrary: headerText },
  { weight: 1, arbitrary: fc.constant(undefined) }
)

export const headerName = fc.stringMatching(/^x-[a-z0-9-]{1,20}$/)
export const optionalHeaders = fc.record(
  {
    prefer: fc.oneof(
      fc.constantFrom('include-unknown-enum-members', 'return=minimal, Include-Unknown-Enum-Members'),
      headerText
    ),
    'client-request-id': fc.oneof(fc.uuid(), headerText, hugeText),
    origin: fc.oneof(fc.constant('http://localhost:3000'), headerText),
    'access-control-request-method': fc.constantFrom('PATCH', 'GET', 'PUT'),
    accept: fc.oneof(fc.constantFrom('application/json', '*/*', 'text/html'), headerText),
    'content-encoding': fc.constantFrom('gzip', 'br', 'identity'),
    'x-huge': hugeText
  },
  { requiredKeys: [] }
)
export const randomHeaders = fc.dictionary(headerName, headerText, { maxKeys: 4 })

import { METHODS } from 'node:http'
import fc from 'fast-check'
import { nearValidBody } from './bodies.js'
import { url } from './graph-request.js'
import { headerName } from './headers.js'
import { headerText } from './primitives.js'

/** Bytes for a bare socket: requests with odd request lines, headers and lengths, or no HTTP at all. */

const rawRequestText = fc
  .record({
    method: fc.oneof(fc.constantFrom(...METHODS), fc.stringMatching(/^[A-Z]{1,10}$/), headerText),
    target: fc.oneof({ weight: 4, arbitrary: url }, fc.constantFrom('*', ''), headerText),
    version: fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1 ', ''),
    headers: fc.array(fc.tuple(fc.oneof(headerName, headerText), headerText), { maxLength: 5 }),
    contentLength: fc.option(fc.oneof(fc.nat(400).map(String), headerText)),
    body: fc.oneof(nearValidBody, fc.string({ maxLength: 200 }))
  })
  .map(({ method, target, version, headers, contentLength, body }) => {
    const lines = [
      `${method} ${target} ${version}`,
      'Host: 127.0.0.1',
      ...headers.map(([name, value]) => `${name}: ${value}`),
      ...(contentLength === null ? [] : [`Content-Length: ${contentLength}`])
    ]
    return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`)
  })

/** What a client could write on a socket: a request with odd parts, or bytes that are not HTTP at all. */
export const rawRequest = fc.oneof(
  { weight: 4, arbitrary: rawRequestText },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => Buffer.from(bytes)) }
)

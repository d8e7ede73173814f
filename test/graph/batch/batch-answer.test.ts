import type { FastifyRequest } from 'fastify'
import { describe, expect, it } from 'vitest'
import {
  answerItem,
  failedDependencyItem,
  type InnerResponse
} from '../../../src/graph/batch/batch-answer.js'

function response(
  status: number,
  headers: InnerResponse['headers'],
  payload: string | Buffer
): InnerResponse {
  const rawPayload = Buffer.from(payload)
  return { statusCode: status, headers, payload: rawPayload.toString(), rawPayload }
}

describe('answerItem: an inner answer as Graph writes it in a batch answer', () => {
  it('keeps the headers Graph copies, Title-Case, and drops the rest', () => {
    const headers = {
      'content-type': 'application/json;odata.metadata=minimal',
      'cache-control': 'no-cache',
      'odata-version': '4.0',
      'retry-after': '3',
      location: 'https://x/y',
      etag: 'W/"1"',
      'preference-applied': 'include-unknown-enum-members',
      allow: 'GET, PATCH',
      'request-id': 'r',
      'client-request-id': 'c',
      date: 'today',
      'x-ms-ags-diagnostic': '{}',
      'content-length': '2'
    }
    expect(answerItem('1', response(200, headers, '{}')).headers).toEqual({
      'Content-Type': 'application/json;odata.metadata=minimal',
      'Cache-Control': 'no-cache',
      'OData-Version': '4.0',
      'Retry-After': '3',
      Location: 'https://x/y',
      ETag: 'W/"1"',
      'Preference-Applied': 'include-unknown-enum-members',
      Allow: 'GET, PATCH'
    })
  })

  it.each([
    ['JSON as JSON', 'application/json; charset=utf-8', '{"a":[1]}', { a: [1] }],
    ['+json as JSON', 'application/problem+json', '{"a":1}', { a: 1 }],
    ['text ($count) as a JSON string', 'text/plain; charset=utf-8', '42', '42'],
    ['anything else as base64', 'application/octet-stream', Buffer.from([0, 255]), 'AP8='],
    ['no type as base64', undefined, 'ab', 'YWI=']
  ])('a body: %s', (_case, contentType, payload, body) => {
    const headers = contentType === undefined ? {} : { 'content-type': contentType }
    expect(answerItem('x', response(200, headers, payload))).toEqual({
      id: 'x',
      status: 200,
      headers: contentType === undefined ? {} : { 'Content-Type': contentType },
      body
    })
  })

  it('no body member for an empty answer (a 204 must have none for the SDKs to read it)', () => {
    expect(answerItem('d', response(204, {}, ''))).toEqual({ id: 'd', status: 204, headers: {} })
  })
})

describe('failedDependencyItem', () => {
  it("answers 424 in Graph's envelope with the batch's own request ids", () => {
    const batch = { id: 'batch-id', headers: { 'client-request-id': 'mine' } } as unknown as FastifyRequest
    expect(failedDependencyItem(batch, '2', '1')).toEqual({
      id: '2',
      status: 424,
      headers: { 'Content-Type': 'application/json' },
      body: {
        error: {
          code: 'FailedDependency',
          message: 'The request was not run: it depends on request Id 1, which failed.',
          innerError: {
            date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
            'request-id': 'batch-id',
            'client-request-id': 'mine'
          }
        }
      }
    })
  })
})

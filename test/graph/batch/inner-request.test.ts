import { describe, expect, it } from 'vitest'
import { innerPayload, innerUrl } from '../../../src/graph/batch/inner-request.js'
import { GraphError } from '../../../src/graph/errors/graph-error.js'
import type { BatchRequestItem } from '../../../src/model/batch.js'

describe('innerUrl: an inner url under the version of the scope the batch came to', () => {
  it.each([
    ['/beta', '/workflowBase/userProcessingResults/1', '/beta/workflowBase/userProcessingResults/1'],
    ['/v1.0', '/workflowBase/userProcessingResults/1', '/v1.0/workflowBase/userProcessingResults/1'],
    [
      '/v1.0',
      'identityGovernance/lifecycleWorkflows/workflows',
      '/v1.0/identityGovernance/lifecycleWorkflows/workflows'
    ],
    ['/beta', '/v1.0/x', '/beta/v1.0/x'],
    ['/beta', '/../_mock/reset', '/beta/../_mock/reset'],
    ['/beta', "/x?$filter=processingStatus eq 'failed'", "/beta/x?$filter=processingStatus%20eq%20'failed'"],
    ['/v1.0', '/x?a=é\t😀', '/v1.0/x?a=%C3%A9%09%F0%9F%98%80'],
    ['/beta', '/x?a=%20&b=%zz', '/beta/x?a=%20&b=%zz']
  ])('%s + %s → %s', (version, url, expected) => {
    expect(innerUrl(version, url)).toBe(expected)
  })
})

describe('innerPayload: the bytes an inner body is sent as', () => {
  const item = (body: unknown, contentType?: string): BatchRequestItem => ({
    id: '1',
    method: 'PATCH',
    url: '/x',
    body,
    ...(contentType === undefined ? {} : { headers: { 'Content-Type': contentType } })
  })

  it.each([
    ['JSON under application/json', item({ a: 1 }, 'application/json; charset=utf-8'), '{"a":1}'],
    ['a JSON string under application/json', item('text', 'application/json'), '"text"'],
    ['JSON under a +json type', item('x', 'application/merge-patch+json'), '"x"'],
    [
      'an object under text/plain (what Node adds to a string body)',
      item({ a: 1 }, 'text/plain;charset=UTF-8'),
      '{"a":1}'
    ],
    ['an object without Content-Type', item([1]), '[1]'],
    ['text under text/*', item('a b', 'Text/Plain'), 'a b'],
    ['nothing for null', item(null, 'application/json'), undefined],
    ['nothing without a body', item(undefined), undefined]
  ])('%s', (_case, request, expected) => {
    expect(innerPayload(request, 0)).toEqual(expected)
  })

  it('base64 for a string under any other type', () => {
    expect(innerPayload(item('AAEC/w==', 'image/png'), 0)).toEqual(Buffer.from([0, 1, 2, 255]))
  })

  it('refuses the batch for JSON nested too deeply to write back, naming the request', () => {
    let deep: unknown = 1
    for (let depth = 0; depth < 100_000; depth++) deep = [deep]
    let thrown: unknown
    try {
      innerPayload(item(deep, 'application/json'), 3)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(GraphError)
    expect(thrown).toMatchObject({
      statusCode: 400,
      message: 'Invalid batch payload format.',
      details: [{ target: 'requests[3].body', message: "'requests[3].body' is nested too deeply to be sent" }]
    })
  })
})

import { describe, expect, it } from 'vitest'
import { readBatch } from '../../../src/graph/batch/read-batch.js'
import { GraphError } from '../../../src/graph/errors/graph-error.js'

const get = (id: string, extra: Record<string, unknown> = {}) => ({ id, method: 'GET', url: '/x', ...extra })
const patch = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  method: 'PATCH',
  url: '/x',
  headers: { 'Content-Type': 'application/json' },
  body: {},
  ...extra
})

function refusal(body: unknown): GraphError {
  try {
    readBatch(body)
  } catch (error) {
    expect(error).toBeInstanceOf(GraphError)
    return error as GraphError
  }
  throw new Error('the batch was accepted')
}

describe('readBatch: what refuses a whole batch', () => {
  it.each([
    ['no body', undefined, '', 'expected object'],
    ['not an object', [], '', 'expected object'],
    ['no requests', {}, 'requests', 'is required'],
    ['requests not an array', { requests: { id: '1' } }, 'requests', 'expected array'],
    ['no request at all', { requests: [] }, 'requests', 'expected at least one request'],
    ['a request that is no object', { requests: [1] }, 'requests[0]', 'expected object'],
    ['no id', { requests: [{ method: 'GET', url: '/x' }] }, 'requests[0].id', 'is required'],
    ['an empty id', { requests: [get('')] }, 'requests[0].id', 'a non-empty string'],
    [
      'a numeric id',
      { requests: [get('1'), { ...get('2'), id: 2 }] },
      'requests[1].id',
      'a non-empty string'
    ],
    [
      'a method Graph does not take',
      { requests: [get('1', { method: 'HEAD' })] },
      'requests[0].method',
      'one of GET'
    ],
    ['no url', { requests: [{ id: '1', method: 'GET' }] }, 'requests[0].url', 'is required'],
    [
      'an absolute url',
      { requests: [get('1', { url: 'https://graph.microsoft.com/beta/x' })] },
      'requests[0].url',
      'relative'
    ],
    [
      'a scheme-relative url',
      { requests: [get('1', { url: '//graph.microsoft.com/beta/x' })] },
      'requests[0].url',
      'relative'
    ],
    ['an empty url', { requests: [get('1', { url: '' })] }, 'requests[0].url', 'relative'],
    [
      'a header name no HTTP has',
      { requests: [get('1', { headers: { 'a b': 'x' } })] },
      'requests[0].headers.a b',
      ''
    ],
    [
      'a header value with a line break',
      { requests: [get('1', { headers: { a: 'x\r\ny: z' } })] },
      'requests[0].headers.a',
      'header value'
    ],
    [
      'a header value that is no string',
      { requests: [get('1', { headers: { a: 1 } })] },
      'requests[0].headers.a',
      'header value'
    ],
    ['dependsOn not a list', { requests: [get('1', { dependsOn: '1' })] }, 'requests[0].dependsOn', 'array']
  ])('%s: "Invalid batch payload format." and a detail naming the field', (_case, body, target, hint) => {
    const error = refusal(body)
    expect(error.statusCode).toBe(400)
    expect(error.code).toBe('BadRequest')
    expect(error.message).toBe('Invalid batch payload format.')
    expect(error.details).toEqual([{ code: 'BadRequest', target, message: expect.stringContaining(hint) }])
  })

  it("more than 20 requests, with Graph's message (before looking at each request)", () => {
    const requests = Array.from({ length: 21 }, (_, index) => ({ id: String(index) }))
    expect(refusal({ requests }).message).toBe('Number of requests inside batch exceeds the limit.')
  })

  it('an id twice, compared without case, naming the second spelling', () => {
    expect(refusal({ requests: [get('a'), get('b'), get('A')] }).message).toBe(
      'Request Id A has to be unique in a batch.'
    )
  })

  it.each([
    ['a PATCH without a Content-Type', patch('p', { headers: {} })],
    ['a POST without headers', { ...patch('p', { method: 'POST' }), headers: undefined }],
    ['a PUT with an empty Content-Type', patch('p', { method: 'PUT', headers: { 'content-type': ' ' } })],
    ['a PATCH without a body', { ...patch('p'), body: undefined }],
    ['a PATCH with a null body', patch('p', { body: null })]
  ])("%s: the write rule, with Graph's message", (_case, write) => {
    const error = refusal({ requests: [get('1'), JSON.parse(JSON.stringify(write))] })
    expect(error.statusCode).toBe(400)
    expect(error.message).toBe('Write request id : p does not contain Content-Type header or body.')
  })
})

describe('readBatch: what it accepts', () => {
  it('20 requests, methods in any case, urls without a leading slash, any header name case and unknown members', () => {
    const requests = [
      get('1', { method: 'get', url: 'workflowBase/x?$select=id', atomicityGroup: 'g' }),
      patch('2', { method: 'Patch', headers: { 'CONTENT-TYPE': 'application/json' }, body: {} }),
      { id: '3', method: 'DELETE', url: '/x', body: 'text', headers: { 'Content-Type': 'text/plain' } },
      ...Array.from({ length: 17 }, (_, index) => get(`g${index}`, { dependsOn: [] }))
    ]
    expect(readBatch({ requests, other: true }).requests).toEqual(requests)
  })

  it('a GET with a body and no Content-Type: the write rule is about writes only', () => {
    expect(readBatch({ requests: [get('1', { body: { a: 1 } })] }).requests).toHaveLength(1)
  })
})

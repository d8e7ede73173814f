import { describe, expect, it } from 'vitest'
import { claimsOfHeader, decodeJwt } from '../../../src/graph/auth/authorize.js'
import { GraphError } from '../../../src/graph/errors/graph-error.js'
import { mintToken } from '../../../src/model/token.js'

describe('decoded tokens are kept', () => {
  it('decodes a token once and returns the same frozen claims for it', () => {
    const token = mintToken({ tenant: 'cache-test' })
    const first = decodeJwt(token)
    expect(decodeJwt(token)).toBe(first)
    expect(Object.isFrozen(first)).toBe(true)
    expect(first.tid).toBe('cache-test')
  })

  it('decodes another token afresh and never keeps a malformed one', () => {
    const token = mintToken({ tenant: 'one' })
    expect(decodeJwt(mintToken({ tenant: 'two' })).tid).toBe('two')
    expect(decodeJwt(token).tid).toBe('one')
    const malformed = `${token.split('.')[0]}.!!!.x`
    for (let attempt = 0; attempt < 2; attempt++) expect(() => decodeJwt(malformed)).toThrow(GraphError)
  })

  it('keeps the claims of a whole Authorization header, and reads a bad header afresh each time', () => {
    const header = `Bearer ${mintToken({ tenant: 'header' })}`
    const first = claimsOfHeader(header)
    expect(claimsOfHeader(header)).toBe(first)
    expect(first.tid).toBe('header')
    for (let attempt = 0; attempt < 2; attempt++)
      expect(() => claimsOfHeader('Basic abc')).toThrow(GraphError)
    expect(() => claimsOfHeader(undefined)).toThrow(GraphError)
  })
})

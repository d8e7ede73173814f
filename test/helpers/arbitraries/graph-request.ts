import { METHODS } from 'node:http'
import fc from 'fast-check'
import { payload } from './bodies.js'
import { contentType, optionalHeaders, randomHeaders } from './headers.js'
import { readPath } from './odata-paths.js'
import { pathSegment, resultPath } from './paths.js'
import { authorization } from './tokens.js'
import { notEmulatedPath, resumeRequest, treePath } from './tree-paths.js'

/** Generators of hostile HTTP requests for the property tests: near-valid ones too, so that writes happen. */

export interface HostileRequest {
  method: string
  url: string
  headers: Record<string, string>
  payload?: string | Buffer
  /** The tenant a write with this request's token goes to (when auth is enforced). */
  tenant: string
}

export const url = fc.oneof(
  { weight: 12, arbitrary: resultPath },
  { weight: 6, arbitrary: readPath },
  { weight: 6, arbitrary: treePath },
  { weight: 1, arbitrary: notEmulatedPath },
  {
    weight: 2,
    arbitrary: fc.array(pathSegment, { maxLength: 6 }).map((segments) => `/${segments.join('/')}`)
  },
  { weight: 1, arbitrary: fc.constantFrom('/', '//', '/_mock/health', '/beta', '/%a', '/beta/%') }
)
const method = fc.oneof(
  { weight: 6, arbitrary: fc.constant('PATCH') },
  { weight: 4, arbitrary: fc.constant('GET') },
  { weight: 2, arbitrary: fc.constantFrom(...METHODS.filter((name) => name !== 'CONNECT')) }
)

const generalRequest: fc.Arbitrary<HostileRequest> = fc
  .record({
    method,
    url,
    authorization,
    contentType,
    optional: optionalHeaders,
    random: randomHeaders,
    payload
  })
  .map(({ method, url, authorization: auth, contentType, optional, random, payload }) => ({
    method,
    url,
    headers: {
      ...random,
      ...optional,
      ...(contentType === undefined ? {} : { 'content-type': contentType }),
      ...(auth.authorization === undefined ? {} : { authorization: auth.authorization })
    },
    ...(payload === undefined ? {} : { payload }),
    tenant: auth.tenant
  }))

/** A resume with a JSON body: the one write of the tree, which changes a result when it is waiting. */
const resume: fc.Arbitrary<HostileRequest> = fc
  .record({ request: resumeRequest, authorization, optional: optionalHeaders })
  .map(({ request, authorization: auth, optional }) => ({
    method: 'POST',
    url: request.url,
    headers: {
      ...optional,
      'content-type': 'application/json',
      ...(auth.authorization === undefined ? {} : { authorization: auth.authorization })
    },
    payload: request.payload,
    tenant: auth.tenant
  }))

export const hostileRequest: fc.Arbitrary<HostileRequest> = fc.oneof(
  { weight: 12, arbitrary: generalRequest },
  { weight: 1, arbitrary: resume }
)

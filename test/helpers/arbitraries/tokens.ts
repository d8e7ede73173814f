import fc from 'fast-check'
import { DEFAULT_TOKEN_TENANT, mintToken } from '../../../src/model/token.js'
import { DEFAULT_TENANT } from '../../../src/store/result-store.js'
import {
  anyJson,
  GRAPH_AUDIENCES,
  headerText,
  hugeText,
  PERMISSIONS,
  PERSONAL_ACCOUNT_TENANT,
  PROTOTYPE_KEYS
} from './primitives.js'

/** `Authorization` values: JWTs with random claims, minted tokens, odd and huge values, none. */

const nowSeconds = Math.floor(Date.now() / 1000)
const claimTime = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: nowSeconds + 600, max: nowSeconds + 86_400 }) },
  fc.integer({ min: 0, max: nowSeconds - 600 }),
  anyJson
)
export const permissionList = fc.subarray(PERMISSIONS)
const claims = fc.record(
  {
    aud: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...GRAPH_AUDIENCES) }, anyJson),
    exp: claimTime,
    nbf: fc.oneof(fc.integer({ min: 0, max: nowSeconds - 600 }), claimTime),
    tid: fc.oneof(
      fc.constantFrom(DEFAULT_TOKEN_TENANT, 'contoso', PERSONAL_ACCOUNT_TENANT, '', ...PROTOTYPE_KEYS),
      fc.string(),
      anyJson
    ),
    scp: fc.oneof(
      permissionList.map((scopes) => scopes.join(' ')),
      anyJson
    ),
    roles: fc.oneof(permissionList, anyJson),
    extra: anyJson
  },
  { requiredKeys: [] }
)

function segment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

function tenantOf(payload: unknown): string {
  const tid = (payload as { tid?: unknown } | null)?.tid
  return typeof tid === 'string' && tid !== '' ? tid : DEFAULT_TENANT
}

const randomJwt = fc
  .record({
    header: fc.oneof(fc.constant({ alg: 'none', typ: 'JWT' }), anyJson),
    payload: fc.oneof({ weight: 6, arbitrary: claims }, anyJson),
    signature: fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/)
  })
  .map(({ header, payload, signature }) => ({
    authorization: `Bearer ${segment(header)}.${segment(payload)}.${signature}`,
    tenant: tenantOf(payload)
  }))

export const authorization: fc.Arbitrary<{ authorization?: string; tenant: string }> = fc.oneof(
  { weight: 5, arbitrary: randomJwt },
  {
    weight: 4,
    arbitrary: fc.constant({ authorization: `Bearer ${mintToken()}`, tenant: DEFAULT_TOKEN_TENANT })
  },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.constantFrom(
          '',
          'Bearer',
          'Bearer ',
          'bearer x',
          'Basic dXNlcjpwYXNz',
          'Bearer a.b.c',
          'Bearer ..'
        ),
        headerText,
        hugeText.map((text) => `Bearer ${text}`)
      )
      .map((value) => ({ authorization: value, tenant: DEFAULT_TENANT }))
  },
  { weight: 1, arbitrary: fc.constant({ tenant: DEFAULT_TENANT }) }
)

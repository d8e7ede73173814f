import { randomUUID } from 'node:crypto'
import { Type } from '@sinclair/typebox'

/** A fake Graph access token: the mock decodes it but never checks the signature. */
export interface TokenOptions {
  /** Delegated permissions, written to `scp`. */
  scopes?: readonly string[]
  /** Application permissions, written to `roles`. */
  roles?: readonly string[]
  tenant?: string
  /** Lifetime in seconds. */
  expiresIn?: number
  /** Make a token that expired five minutes ago. */
  expired?: boolean
  appId?: string
  now?: number
}

/** The `tid` of a token minted without a tenant: also the store's default tenant. */
export const DEFAULT_TOKEN_TENANT = 'aaaabbbb-0000-cccc-1111-dddd2222eeee'
export const DEFAULT_APP_ID = '00001111-aaaa-2222-bbbb-3333cccc4444'
export const DEFAULT_SCOPES: readonly string[] = ['LifecycleWorkflows.ReadWrite.All']
/** Seconds. */
export const DEFAULT_TOKEN_LIFETIME = 3600

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

export function mintToken(options: TokenOptions = {}): string {
  const now = Math.floor((options.now ?? Date.now()) / 1000)
  const tenant = options.tenant ?? DEFAULT_TOKEN_TENANT
  const appId = options.appId ?? DEFAULT_APP_ID
  const lifetime = options.expiresIn ?? DEFAULT_TOKEN_LIFETIME
  const issuedAt = options.expired ? now - lifetime - 300 : now
  const isApp = options.roles !== undefined && options.scopes === undefined
  const permissions = isApp
    ? { roles: [...(options.roles ?? [])], idtyp: 'app' }
    : { scp: (options.scopes ?? DEFAULT_SCOPES).join(' '), idtyp: 'user' }
  const claims = {
    aud: 'https://graph.microsoft.com',
    iss: `https://sts.windows.net/${tenant}/`,
    iat: issuedAt,
    nbf: issuedAt,
    exp: issuedAt + lifetime,
    appid: appId,
    app_displayname: 'graph-lifecycle-mock',
    oid: randomUUID(),
    tid: tenant,
    ver: '1.0',
    ...permissions
  }
  const header = { typ: 'JWT', alg: 'RS256', kid: 'graph-lifecycle-mock' }
  return `${encode(header)}.${encode(claims)}.${Buffer.from('graph-lifecycle-mock-signature').toString('base64url')}`
}

const Permissions = Type.Array(Type.String({ minLength: 1 }), { maxItems: 100 })

/** The options of the CLI's `token` command, as JSON. */
export const TokenRequestSchema = Type.Object(
  {
    /** Delegated permissions (`scp`). */
    scopes: Type.Optional(Permissions),
    /** Application permissions (`roles`): an app-only token. */
    roles: Type.Optional(Permissions),
    tenant: Type.Optional(Type.String({ minLength: 1 })),
    appId: Type.Optional(Type.String({ minLength: 1 })),
    /** Lifetime in seconds. */
    expiresIn: Type.Optional(Type.Integer({ minimum: 1, maximum: 31_536_000 })),
    expired: Type.Optional(Type.Boolean())
  },
  { additionalProperties: false }
)

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { GraphError } from '../graph/errors/graph-error.js'
import { mintToken } from '../model/token.js'

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

/** `POST /token`: the same fake Graph token as `graph-lifecycle-mock token`. */
export const tokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/token', { schema: { body: TokenRequestSchema } }, async (request) => {
    if (request.body.scopes !== undefined && request.body.roles !== undefined) {
      throw GraphError.invalidInput('body', [
        {
          target: 'roles',
          message: "send either 'scopes' (a delegated token) or 'roles' (an app-only token), not both"
        }
      ])
    }
    return { token: mintToken(request.body) }
  })
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { GraphError } from '../graph/errors/graph-error.js'
import { TokenAnswerSchema } from '../model/control/control-answers.js'
import { mintToken, TokenRequestSchema } from '../model/token.js'

/** `POST /token`: the same fake Graph token as `graph-lifecycle-mock token`. */
export const tokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const minted = {
    summary: 'A token, as the token command mints it',
    answer: { content: { 'application/json': TokenAnswerSchema } }
  }
  const mint = { schema: { body: TokenRequestSchema }, config: { openapi: minted } }
  app.post('/token', mint, async function createToken(request) {
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

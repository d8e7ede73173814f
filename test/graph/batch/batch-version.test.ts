import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { batchRoutes } from '../../../src/graph/batch/batch-routes.js'
import { responsesOf } from '../../helpers/batch.js'

let app: FastifyInstance
afterEach(async () => {
  await app.close()
})

/** A version scope with the batch route and one route that tells which URL it was called with. */
async function scopeAt(prefix: string): Promise<FastifyInstance> {
  app = Fastify()
  await app.register(
    async (scope) => {
      await scope.register(batchRoutes)
      scope.get('/echo/*', async (request) => ({ url: request.url }))
    },
    { prefix }
  )
  return app
}

describe('the batch route takes its version from the scope it is registered in', () => {
  it.each(['/beta', '/v1.0'])('runs the requests of %s/$batch under %s', async (prefix) => {
    await scopeAt(prefix)
    const response = await app.inject({
      method: 'POST',
      url: `${prefix}/$batch`,
      payload: {
        requests: [
          { id: '1', method: 'GET', url: '/echo/a?b=c' },
          { id: '2', method: 'GET', url: 'echo/d' }
        ]
      }
    })
    expect(responsesOf(response).map((item) => item.body)).toEqual([
      { url: `${prefix}/echo/a?b=c` },
      { url: `${prefix}/echo/d` }
    ])
  })
})

import type { FastifyInstance } from 'fastify'
import { BatchRequestBodySchema, BatchResponseBodySchema, type BatchResponseItem } from '../../model/batch.js'
import { TOKEN_ONLY } from '../auth/permissions.js'
import { batchMessages } from '../errors/batch-messages.js'
import { GraphError } from '../errors/graph-error.js'
import { answerItem, failedDependencyItem } from './batch-answer.js'
import { batchLinkOf } from './batch-link.js'
import { innerPayload, runInnerRequest } from './inner-request.js'
import { planBatch } from './plan-batch.js'
import { readBatch } from './read-batch.js'

/**
 * `POST /$batch` (JSON batching) in the version scope it is registered in: its requests run one after the
 * other, in the array's order, each through the whole server under the batch's token; one that depends on a
 * failed request (status 400 or more) is answered 424 without running. The answers come in the array's order.
 */
export async function batchRoutes(app: FastifyInstance) {
  // The scope's prefix is the version: `/beta`, or `/v1.0` for a scope registered there.
  const version = app.prefix

  const config = {
    permissions: TOKEN_ONLY,
    openapi: {
      summary: 'JSON batching: up to 20 requests in one, each answered as it would be alone',
      body: BatchRequestBodySchema,
      answer: { content: { 'application/json': BatchResponseBodySchema } }
    }
  }
  app.post('/$batch', { config }, async function runBatch(request, reply) {
    // A batch that is itself a request of a batch: Graph allows no nesting.
    const enclosing = batchLinkOf(request)
    if (enclosing !== null) throw GraphError.badRequest(batchMessages.nested(enclosing.id))
    const { requests } = readBatch(request.body)
    const payloads = requests.map(innerPayload)
    const responses: BatchResponseItem[] = []
    for (const { item, index, dependency } of planBatch(requests)) {
      const failed = dependency === undefined ? undefined : responses[dependency]
      if (failed !== undefined && failed.status >= 400) {
        responses.push(failedDependencyItem(request, item.id, failed.id))
        continue
      }
      responses.push(answerItem(item.id, await runInnerRequest(request, version, item, payloads[index])))
    }
    return reply.type('application/json').send({ responses })
  })
}

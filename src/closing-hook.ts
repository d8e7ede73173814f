import type { FastifyInstance } from 'fastify'
import { GraphError } from './graph/errors.js'

/**
 * While the server shuts down, requests still arriving on open connections (pipelined, or kept alive) are
 * answered with Graph's 503 envelope; Fastify's own `return503OnClosing` answer has Fastify's shape.
 * Requests already in flight when shutdown began complete normally.
 */
export function refuseWhileClosing(app: FastifyInstance): void {
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onRequest', async () => {
    if (closing) throw GraphError.serviceUnavailable()
  })
}

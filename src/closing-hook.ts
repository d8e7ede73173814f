import type { FastifyInstance } from 'fastify'
import { GraphError } from './graph/errors.js'

/**
 * Shutdown as a client sees it. Requests in flight when it begins complete normally, with `Connection: close`,
 * so that their kept-alive sockets do not hold the server open until keepAliveTimeout. A request that still
 * starts (before the listener closes, or pipelined) gets Graph's 503 envelope; Fastify's own
 * `return503OnClosing` answer has Fastify's shape.
 */
export function refuseWhileClosing(app: FastifyInstance): void {
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onRequest', async () => {
    if (closing) throw GraphError.serviceUnavailable()
  })
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close')
  })
}

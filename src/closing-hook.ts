import type { FastifyInstance } from 'fastify'
import { GraphError } from './graph/errors/graph-error.js'

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
  // Callback hooks, not async ones: these run on every request, and as async hooks they cost ~6 µs of CPU per
  // PATCH (A/B in npm run bench's harness), about a tenth of the whole request.
  app.addHook('onRequest', (_request, _reply, done) => {
    done(closing ? GraphError.serviceUnavailable() : undefined)
  })
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close')
    done(null, payload)
  })
}

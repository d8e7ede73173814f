import type { FastifyInstance } from 'fastify'

/** The `/_mock` scope: test control, outside Graph's auth. */
export async function controlPlugin(app: FastifyInstance) {
  app.get('/health', async () => ({ status: 'ok' }))
}

import type { FastifyInstance } from 'fastify'
import { certificateRoute } from './certificate-route.js'

export interface ControlOptions {
  /** The PEM the server presents over HTTPS, served at `/ca.pem`. */
  certificate?: string
}

/** The `/_mock` scope: test control, outside Graph's auth. */
export async function controlPlugin(app: FastifyInstance, options: ControlOptions) {
  app.get('/health', async () => ({ status: 'ok' }))
  await app.register(certificateRoute, { certificate: options.certificate })
}

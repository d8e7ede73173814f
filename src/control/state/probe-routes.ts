import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Health, Ready } from '../../model/control/health.js'
import type { BackendProbe } from './backend-probe.js'

/**
 * Probes for orchestrators and load balancers, open without the admin key. `/health` is liveness: 200 while the
 * process runs, with the backend's state. `/ready` is readiness: 200 when requests can be served, else a 503.
 */
export const probeRoutes: FastifyPluginAsyncTypebox<{ backend: BackendProbe }> = async (app, { backend }) => {
  app.get('/health', async function health(): Promise<Health> {
    return backend.health()
  })

  app.get('/ready', async function ready(): Promise<Ready> {
    await backend.checkReady()
    return { ready: true }
  })
}

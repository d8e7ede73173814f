import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type Health, HealthSchema, type Ready, ReadySchema } from '../../model/control/health.js'
import type { BackendProbe } from './backend-probe.js'

/**
 * Probes for orchestrators and load balancers, open without the admin key. `/health` is liveness: 200 while the
 * process runs, with the backend's state. `/ready` is readiness: 200 when requests can be served, else a 503.
 */
export const probeRoutes: FastifyPluginAsyncTypebox<{ backend: BackendProbe }> = async (app, { backend }) => {
  const health = {
    summary: 'Whether the mock is up, and the state of its backend',
    open: true,
    answer: { content: { 'application/json': HealthSchema } }
  }
  app.get('/health', { config: { openapi: health } }, async function health(): Promise<Health> {
    return backend.health()
  })

  const ready = {
    summary: 'Whether the mock can serve (503 while its Redis backend is out)',
    open: true,
    errors: { 503: 'The backend (Redis) cannot be used right now' },
    answer: { content: { 'application/json': ReadySchema } }
  }
  app.get('/ready', { config: { openapi: ready } }, async function ready(): Promise<Ready> {
    await backend.checkReady()
    return { ready: true }
  })
}

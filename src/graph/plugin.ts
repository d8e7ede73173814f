import type { FastifyInstance } from 'fastify'
import type { ResultStore } from '../store/result-store.js'
import { authenticate, DEFAULT_TENANT, warnOnceWithoutToken } from './auth-hook.js'
import { requireJsonBody } from './content-type-hook.js'
import type { PatchMode } from './patch-body.js'
import { workflowBaseRoutes } from './routes/workflow-base.js'

export interface GraphOptions {
  store: ResultStore
  auth: 'enforce' | 'off'
  patchMode: PatchMode
}

/** The `/beta` scope: everything that imitates Microsoft Graph, with Graph's auth and body rules as hooks. */
export async function graphPlugin(app: FastifyInstance, options: GraphOptions) {
  app.decorateRequest('claims', undefined)
  app.decorateRequest('tenant', DEFAULT_TENANT)
  if (options.auth === 'enforce') {
    app.addHook('onRequest', warnOnceWithoutToken())
    app.addHook('onRequest', authenticate)
  }
  app.addHook('preParsing', requireJsonBody)
  await app.register(workflowBaseRoutes, { store: options.store, patchMode: options.patchMode })
}

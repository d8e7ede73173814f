import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { injectFaults } from '../control/faults/fault-hook.js'
import type { FaultRules } from '../control/faults/fault-rules.js'
import type { Journal } from '../control/journal/journal.js'
import { recordRequests } from '../control/journal/journal-hook.js'
import type { RateLimiter } from '../control/throttle/rate-limiter.js'
import { throttleRequests } from '../control/throttle/throttle-hook.js'
import type { ResultStore } from '../store/result-store.js'
import type { WorkflowDirectory } from '../store/workflow-directory.js'
import { authenticate, DEFAULT_TENANT, identifyTenant, warnOnceWithoutToken } from './auth/auth-hooks.js'
import { requireJsonBody } from './http/request-headers.js'
import type { PatchMode } from './results/patch-body.js'
import { workflowBaseRoutes } from './results/workflow-base-routes.js'
import { lifecycleWorkflowRoutes } from './results/workflow-routes.js'

export interface GraphOptions {
  store: ResultStore
  workflows: WorkflowDirectory
  pageSize: number
  auth: 'enforce' | 'off'
  patchMode: PatchMode
  journal: Journal
  faults: FaultRules
  /** Absent: no throttling. */
  limiter: RateLimiter | undefined
  notFound: (request: FastifyRequest, reply: FastifyReply) => FastifyReply
}

type RouteOptions = Pick<
  GraphOptions,
  'store' | 'workflows' | 'pageSize' | 'auth' | 'patchMode' | 'faults' | 'limiter'
>

/** Graph's routes, behind Graph's auth and body rules, then the test-control throttling and faults. */
async function graphRoutes(app: FastifyInstance, options: RouteOptions) {
  if (options.auth === 'enforce') {
    app.addHook('onRequest', warnOnceWithoutToken())
    app.addHook('onRequest', authenticate)
  }
  app.addHook('preParsing', requireJsonBody)
  if (options.limiter !== undefined) app.addHook('preHandler', throttleRequests(options.limiter))
  app.addHook('preHandler', injectFaults(options.faults))
  await app.register(workflowBaseRoutes, { store: options.store, patchMode: options.patchMode })
  await app.register(lifecycleWorkflowRoutes, {
    store: options.store,
    workflows: options.workflows,
    pageSize: options.pageSize
  })
}

/**
 * The `/beta` scope: everything that imitates Microsoft Graph. Unknown paths are answered out here, before auth
 * and body rules (as Graph's router does), and the journal records every request, those included.
 */
export async function graphPlugin(app: FastifyInstance, options: GraphOptions) {
  app.decorateRequest('claims', undefined)
  app.decorateRequest('tenant', DEFAULT_TENANT)
  if (options.auth === 'enforce') app.addHook('onRequest', identifyTenant)
  app.addHook('onSend', recordRequests(options.journal))
  app.setNotFoundHandler(options.notFound)
  const { store, workflows, pageSize, auth, patchMode, faults, limiter } = options
  await app.register(graphRoutes, { store, workflows, pageSize, auth, patchMode, faults, limiter })
}

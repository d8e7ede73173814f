import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onSendHookHandler,
  preHandlerHookHandler
} from 'fastify'
import type { ApiVersion } from '../model/enums.js'
import type { LifecycleStore } from '../store/lifecycle-store.js'
import { DEFAULT_TENANT } from '../store/result-store.js'
import { authenticate, identifyTenant, warnOnceWithoutToken } from './auth/auth-hooks.js'
import './http/api-version.js'
import { requireJsonBody } from './http/request-headers.js'
import { executionScopeRoutes } from './results/execution-scope-routes.js'
import type { PatchMode } from './results/patch-body.js'
import { resultRoutes } from './results/result-routes.js'
import { subjectRoutes } from './results/subject-routes.js'
import { workflowBaseRoutes } from './results/workflow-base-routes.js'
import { reprocessedRunRoutes } from './runs/reprocessed-run-routes.js'
import { runRoutes } from './runs/run-routes.js'
import { taskResultRoutes } from './task-results/task-result-routes.js'
import { taskRoutes } from './workflows/task-routes.js'
import { workflowRoutes } from './workflows/workflow-routes.js'

/**
 * Hooks from outside Graph (the test-control instruments), attached by whoever builds the server: Graph itself
 * knows nothing of them.
 */
export interface GraphHooks {
  /** Run for every request of the scope, unknown paths included, before its answer is written. */
  onSend: onSendHookHandler[]
  /** Run for routed requests once Graph's auth and body rules have passed, before the handler. */
  preHandler: preHandlerHookHandler[]
}

export interface GraphOptions {
  store: LifecycleStore
  /** Which Graph this scope is: its context URLs, its enum members, and whether the seed's draft path exists. */
  version: ApiVersion
  pageSize: number
  auth: 'enforce' | 'off'
  patchMode: PatchMode
  hooks: GraphHooks
  notFound: (request: FastifyRequest, reply: FastifyReply) => FastifyReply
}

type RouteOptions = Pick<GraphOptions, 'store' | 'version' | 'pageSize' | 'auth' | 'patchMode'> & {
  preHandler: GraphHooks['preHandler']
}

/** Graph's routes, behind Graph's auth and body rules, then the hooks handed in (throttling, faults). */
async function graphRoutes(app: FastifyInstance, options: RouteOptions) {
  if (options.auth === 'enforce') {
    app.addHook('onRequest', warnOnceWithoutToken())
    app.addHook('onRequest', authenticate)
  }
  app.addHook('preParsing', requireJsonBody)
  for (const hook of options.preHandler) app.addHook('preHandler', hook)
  const { store, pageSize } = options
  // The seed's draft path comes from a beta documentation page; v1.0 has nothing like it.
  if (options.version === 'beta')
    await app.register(workflowBaseRoutes, { store, patchMode: options.patchMode })
  for (const routes of [
    workflowRoutes,
    taskRoutes,
    runRoutes,
    resultRoutes,
    executionScopeRoutes,
    taskResultRoutes,
    reprocessedRunRoutes
  ]) {
    await app.register(routes, { store, pageSize })
  }
  await app.register(subjectRoutes, { store })
}

/**
 * A Graph scope (`/beta` or `/v1.0`): everything that imitates Microsoft Graph. Unknown paths are answered out
 * here, before auth and body rules (as Graph's router does), and the `onSend` hooks see every request, those
 * included.
 */
export async function graphPlugin(app: FastifyInstance, options: GraphOptions) {
  app.decorateRequest('claims', undefined)
  app.decorateRequest('tenant', DEFAULT_TENANT)
  app.decorateRequest('apiVersion', options.version)
  if (options.auth === 'enforce') app.addHook('onRequest', identifyTenant)
  for (const hook of options.hooks.onSend) app.addHook('onSend', hook)
  app.setNotFoundHandler(options.notFound)
  const { store, version, pageSize, auth, patchMode, hooks } = options
  await app.register(graphRoutes, {
    store,
    version,
    pageSize,
    auth,
    patchMode,
    preHandler: hooks.preHandler
  })
}

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
import { authenticate, identifyTenant, warnOncePerHint } from './auth/auth-hooks.js'
import { batchRoutes } from './batch/batch-routes.js'
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

type RouteOptions = Pick<GraphOptions, 'store' | 'version' | 'pageSize' | 'patchMode'> & {
  preHandler: GraphHooks['preHandler']
  rules: (app: FastifyInstance) => void
}

/** Graph's auth and body rules, for the routes of a scope. */
function graphRules(auth: GraphOptions['auth']) {
  // One warning per kind of hint and server, not per scope.
  const warnPerHint = warnOncePerHint()
  return (app: FastifyInstance) => {
    if (auth === 'enforce') {
      app.addHook('onError', warnPerHint)
      app.addHook('onRequest', authenticate)
    }
    app.addHook('preParsing', requireJsonBody)
  }
}

/** Graph's routes, behind Graph's auth and body rules, then the hooks handed in (throttling, faults). */
async function graphRoutes(app: FastifyInstance, options: RouteOptions) {
  options.rules(app)
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

type ScopeOptions = Pick<GraphOptions, 'auth' | 'hooks' | 'notFound'> & { version?: ApiVersion }

/** What every Graph scope does: the request's Graph values, the tenant of its token, outside hooks, Graph's 404. */
function graphScope(app: FastifyInstance, options: ScopeOptions): void {
  app.decorateRequest('claims', undefined)
  app.decorateRequest('tenant', DEFAULT_TENANT)
  app.decorateRequest('nextLink', undefined)
  if (options.version !== undefined) app.decorateRequest('apiVersion', options.version)
  if (options.auth === 'enforce') app.addHook('onRequest', identifyTenant)
  for (const hook of options.hooks.onSend) app.addHook('onSend', hook)
  app.setNotFoundHandler(options.notFound)
}

/**
 * `$batch`, behind the same auth and body rules but not the hooks handed in: Graph throttles (and fails) the
 * requests inside a batch one by one, and each of them passes those hooks when it runs.
 */
async function batchScope(app: FastifyInstance, options: Pick<RouteOptions, 'rules'>) {
  options.rules(app)
  await app.register(batchRoutes)
}

/**
 * A Graph scope (`/beta` or `/v1.0`): everything that imitates Microsoft Graph. Unknown paths are answered out
 * here, before auth and body rules (as Graph's router does), and the `onSend` hooks see every request, those
 * included.
 */
export async function graphPlugin(app: FastifyInstance, options: GraphOptions) {
  graphScope(app, options)
  const { store, version, pageSize, patchMode, hooks } = options
  const rules = graphRules(options.auth)
  await app.register(graphRoutes, {
    store,
    version,
    pageSize,
    patchMode,
    preHandler: hooks.preHandler,
    rules
  })
  await app.register(batchScope, { rules })
}

/**
 * Paths outside every scope (`/v1.0/…` for a client left on Graph's default version, a path without its
 * version): Graph's answer to an unknown path, seen by the same `onSend` hooks, so that the journal shows what
 * a misconfigured client sent. Registered without a prefix, it answers for every path no other scope has.
 */
export async function graphFallbackPlugin(app: FastifyInstance, options: ScopeOptions) {
  graphScope(app, options)
}

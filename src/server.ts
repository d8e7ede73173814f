import { randomUUID } from 'node:crypto'
import cors from '@fastify/cors'
import Fastify, { type FastifyInstance } from 'fastify'
import type { DestinationStream } from 'pino'
import { refuseWhileClosing } from './closing-hook.js'
import { type Config, ConfigError, optionLabel } from './config.js'
import { injectFaults } from './control/faults/fault-hook.js'
import { startupFaultRules } from './control/faults/startup-fault-rules.js'
import type { Classify } from './control/journal/journal.js'
import { recordRequests } from './control/journal/journal-hook.js'
import { DEFAULT_STREAM_SETTINGS, type StreamSettings } from './control/journal/journal-stream.js'
import { controlPlugin } from './control/plugin.js'
import type { GraphProbe, RouteFacts } from './control/request-facts.js'
import { type MockState, memoryState } from './control/state/mock-state.js'
import { redisState } from './control/state/redis-mock-state.js'
import { restoreStateFile, StateFileError, saveStateFileOnClose } from './control/state/state-file.js'
import { throttleRequests } from './control/throttle/throttle-hook.js'
import { buildReport } from './control/verify/report.js'
import { writeReportFile } from './control/verify/report-file.js'
import { callerOf } from './graph/auth/caller.js'
import { leastPrivileged } from './graph/auth/least-privileged.js'
import { batchLinkOf } from './graph/batch/batch-link.js'
import { clientErrorHandler, plainHttpOnTlsPort } from './graph/errors/client-error.js'
import { BODY_LIMIT, handleError } from './graph/errors/error-handler.js'
import { notFoundHandler, RouteTable } from './graph/errors/not-found.js'
import { setGraphHeaders } from './graph/http/headers.js'
import { compileValidator } from './graph/http/validator-compiler.js'
import { notEmulatedPaths } from './graph/not-emulated/not-emulated-paths.js'
import { buildOpenApiDocument } from './graph/openapi/openapi-document.js'
import { graphFallbackPlugin, graphPlugin } from './graph/plugin.js'
import { GraphRoutes } from './graph/routes/graph-routes.js'
import { DEFAULT_LIMITS, nodeServerOptions, type ServerLimits, timeoutOptions } from './limits.js'
import type { Report } from './model/control/report.js'
import { API_VERSIONS } from './model/enums.js'
import { INSPECTOR_ASSETS, packageVersion } from './package-files.js'
import { RequestLog } from './request-log.js'
import type { LifecycleStore } from './store/lifecycle-store.js'
import { MemoryStore } from './store/memory-store.js'
import { RedisConnection, type RedisLog } from './store/redis/redis-connection.js'
import { RedisStore } from './store/redis/redis-store.js'
import { RedisUnavailableError } from './store/redis/redis-unavailable.js'
import { loadSeed } from './store/seed/load-fixtures.js'
import type { TlsCredentials } from './tls/certificate.js'

export interface ServerDeps {
  /**
   * A ready store (results, and the workflow tree around them); by default one is seeded from `config.fixtures`.
   * Not with `--redis-url`, which keeps the records in Redis.
   */
  store?: LifecycleStore
  /** Where log lines go (default stdout). */
  logStream?: DestinationStream
  /** Human-readable logs, for a terminal. */
  prettyLogs?: boolean
  /** Serve HTTPS with these credentials (see `resolveTls`), and their certificate at `/_mock/ca.pem`. */
  tls?: TlsCredentials
  /** Other connection limits than the defaults (e.g. shorter timeouts in tests). */
  limits?: Partial<ServerLimits>
  /** Another heartbeat or per-reader buffer for `GET /_mock/requests/stream` (e.g. shorter in tests). */
  stream?: Partial<StreamSettings>
}

/** What the journal and the report need from Graph, from Graph's own functions and route table. */
function graphFacts(routes: RouteTable): { probe: GraphProbe; routeFacts: RouteFacts } {
  const graphRoutes = new GraphRoutes(routes)
  return {
    probe: { callerOf, batchLinkOf, nextLinkOf: (request) => request.nextLink },
    routeFacts: {
      match: (method, url, routed) => graphRoutes.match(method, url, routed),
      permissionsOf: (route) => graphRoutes.permissionsOf(route),
      isCollection: (route) => graphRoutes.isCollection(route),
      leastPrivileged
    }
  }
}

const CORS_EXPOSED_HEADERS = [
  'ETag',
  'Location',
  'Preference-Applied',
  'Content-Range',
  'request-id',
  'client-request-id',
  'ReadWriteConsistencyToken',
  'SdkVersion',
  'WWW-Authenticate',
  'x-ms-ags-diagnostic',
  'Retry-After',
  'OData-Version',
  'Allow',
  'x-mock-hint'
]

async function loggerOptions(config: Config, deps: ServerDeps) {
  // Pretty lines are formatted in this thread (a terminal's pace), by pino-pretty loaded only then.
  const stream = deps.logStream ?? (deps.prettyLogs ? (await import('pino-pretty')).default() : undefined)
  return {
    level: config.logLevel,
    redact: { paths: ['req.headers.authorization', 'headers.authorization'], censor: '[redacted]' },
    ...(stream !== undefined ? { stream } : {})
  }
}

/** Connects to `--redis-url`; unreachable at start-up, it is a start-up error naming the option (exit code 2). */
async function connectRedis(url: string, prefix: string, log: RedisLog): Promise<RedisConnection> {
  try {
    return await RedisConnection.open(url, prefix, log)
  } catch (error) {
    if (!(error instanceof RedisUnavailableError)) throw error
    throw new ConfigError(
      `Failed to start: cannot use Redis at ${error.where} (${error.reason}). ` +
        `Check ${optionLabel('redisUrl')} and that Redis runs there.`
    )
  }
}

/**
 * The mock's state: records, fault rules, throttling windows, the journal and the page links it handed out, in this
 * process, or in Redis shared by replicas with `--redis-url`.
 */
async function openState(
  config: Config,
  deps: ServerDeps,
  log: RedisLog,
  classify: Classify
): Promise<MockState> {
  const options = {
    startupFaults: startupFaultRules(config),
    defaultSeed: config.seed,
    rateLimit: config.rateLimit,
    journalSize: config.journalSize,
    classify
  }
  const { redisUrl, maxTenants } = config
  if (redisUrl === undefined) {
    const store = deps.store ?? new MemoryStore(await loadSeed(config.fixtures), { maxTenants })
    return memoryState(store, options)
  }
  if (deps.store !== undefined)
    throw new ConfigError(
      'Failed to start: with --redis-url the records are kept in Redis, not in a given store.'
    )
  const seed = await loadSeed(config.fixtures)
  const redis = await connectRedis(redisUrl, config.redisPrefix, log)
  try {
    return await redisState(redis, new RedisStore(redis, seed, { maxTenants }), options, log)
  } catch (error) {
    await redis.close()
    throw error
  }
}

/** Builds the mock; never listens (the CLI and tests decide how to run it). */
export async function buildServer(config: Config, deps: ServerDeps = {}): Promise<FastifyInstance> {
  const routes = new RouteTable()
  const notFound = notFoundHandler(routes, config.auth)
  const limits = { ...DEFAULT_LIMITS, ...deps.limits }
  const logger = await loggerOptions(config, deps)
  const app = Fastify({
    ...nodeServerOptions(limits, deps.tls),
    logger,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    logController: new RequestLog(),
    bodyLimit: BODY_LIMIT,
    ...timeoutOptions(limits),
    exposeHeadRoutes: false,
    // Graph's paths are case-insensitive, and the namespace-qualified function segments are long.
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: 1000 },
    // Errors Fastify raises before routing: a parameter over maxParamLength matches no route, so it is an
    // unknown path; the rest (a malformed URL) go to the error handler instead of Fastify's own answers.
    frameworkErrors: (error, request, reply) =>
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? notFound(request, reply)
        : handleError(error, request, reply),
    clientErrorHandler: clientErrorHandler(limits),
    // Its answer has Fastify's shape; refuseWhileClosing answers with Graph's.
    return503OnClosing: false
  })
  if (deps.tls !== undefined) app.server.on('tlsClientError', plainHttpOnTlsPort(app.log))
  app.setValidatorCompiler(compileValidator)
  app.addHook('onRoute', (route) => routes.add(route))
  app.addHook('onRequest', (request, reply, done) => {
    setGraphHeaders(request, reply)
    done()
  })
  refuseWhileClosing(app)
  app.setErrorHandler(handleError)
  // Shared by the two scopes: the Graph scope feeds them, the control scope reads and resets them.
  const { probe, routeFacts } = graphFacts(routes)
  const classify: Classify = (facts) => routeFacts.match(facts.method, facts.url, facts.routed)
  const state = await openState(config, deps, app.log, classify)
  const { store, faults, throttle, journal, pageLinks } = state
  // onClose hooks run last added first: the state closes after everything that writes it out on shutdown.
  app.addHook('onClose', () => state.close())
  if (config.stateFile !== undefined) await useStateFile(app, state, config.stateFile)

  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin === undefined ? false : '*'),
    methods: ['GET', 'PATCH', 'POST', 'PUT', 'DELETE'],
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: 3600,
    strictPreflight: false
  })
  await app.register(controlPlugin, {
    prefix: '/_mock',
    state,
    routes: routeFacts,
    stream: { ...DEFAULT_STREAM_SETTINGS, ...deps.stream },
    stateFile: config.stateFile,
    adminKey: config.adminKey,
    certificate: deps.tls?.cert,
    notFound,
    openApiDocument: openApiDocumentOf(routes, config),
    inspectorAssets: INSPECTOR_ASSETS
  })
  // The one place the test-control instruments reach into Graph: the journal sees every request of the Graph
  // scopes (with --journal-size 0 there is no journal), throttling and faults the routed ones once Graph's auth
  // has passed. Both versions share them.
  const onSend = config.journalSize > 0 ? [recordRequests(journal, probe, pageLinks)] : []
  const hooks = {
    onSend,
    preHandler: [
      ...(throttle === undefined ? [] : [throttleRequests(throttle, callerOf)]),
      injectFaults(faults, callerOf)
    ]
  }
  for (const version of API_VERSIONS) {
    routes.addNotEmulated(`/${version}`, notEmulatedPaths())
    await app.register(graphPlugin, {
      prefix: `/${version}`,
      version,
      store,
      pageSize: config.pageSize,
      auth: config.auth,
      patchMode: config.patchMode,
      hooks,
      notFound
    })
  }
  await app.register(graphFallbackPlugin, { auth: config.auth, hooks: { onSend, preHandler: [] }, notFound })
  if (config.reportOut !== undefined)
    writeReportOnClose(app, config.reportOut, () => buildReport(journal, routeFacts))
  return app
}

/** The OpenAPI document, built from the route table on first use (every route is registered by then). */
function openApiDocumentOf(routes: RouteTable, config: Config): () => object {
  let document: object | undefined
  return () => {
    document ??= buildOpenApiDocument(routes, {
      version: packageVersion(),
      auth: config.auth,
      adminKey: config.adminKey !== ''
    })
    return document
  }
}

/**
 * `--state-file`: restored at start when the file exists (one that cannot be is a start-up error naming the option
 * and why), written again on shutdown.
 */
async function useStateFile(app: FastifyInstance, state: MockState, file: string): Promise<void> {
  try {
    if (await restoreStateFile(state, file)) app.log.info(`state restored from ${file}`)
  } catch (error) {
    await state.close()
    if (!(error instanceof StateFileError)) throw error
    throw new ConfigError(
      `Failed to start: ${optionLabel('stateFile')} names ${file}, which ${error.message}.`
    )
  }
  saveStateFileOnClose(app, state, file)
}

/** `--report-out`: the report, written once the last request has been answered (a failure is logged, not thrown). */
function writeReportOnClose(app: FastifyInstance, file: string, report: () => Promise<Report>): void {
  app.addHook('onClose', async () => {
    try {
      await writeReportFile(file, await report())
      app.log.info(`report written to ${file}`)
    } catch (error) {
      app.log.error({ err: error }, `could not write the report to ${file}`)
    }
  })
}

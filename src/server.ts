import { randomUUID } from 'node:crypto'
import cors from '@fastify/cors'
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import type { DestinationStream } from 'pino'
import { refuseWhileClosing } from './closing-hook.js'
import type { Config } from './config.js'
import { controlPlugin } from './control/plugin.js'
import { clientErrorHandler } from './graph/client-error.js'
import { BODY_LIMIT, handleError } from './graph/error-handler.js'
import { setGraphHeaders } from './graph/headers.js'
import { notFoundHandler } from './graph/not-found.js'
import { graphPlugin } from './graph/plugin.js'
import { RouteTable } from './graph/route-table.js'
import { DEFAULT_LIMITS, nodeServerOptions, type ServerLimits, timeoutOptions } from './limits.js'
import { RequestLog } from './request-log.js'
import { loadFixtures } from './store/load-fixtures.js'
import { MemoryStore } from './store/memory-store.js'
import type { ResultStore } from './store/result-store.js'
import type { TlsCredentials } from './tls/certificate.js'

export interface ServerDeps {
  /** A ready store; by default one is seeded from `config.fixtures`. */
  store?: ResultStore
  /** Where log lines go (default stdout). */
  logStream?: DestinationStream
  /** Human-readable logs, for a terminal. */
  prettyLogs?: boolean
  /** Serve HTTPS with these credentials (see `resolveTls`), and their certificate at `/_mock/ca.pem`. */
  tls?: TlsCredentials
  /** Other connection limits than the defaults (e.g. shorter timeouts in tests). */
  limits?: Partial<ServerLimits>
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

function loggerOptions(config: Config, deps: ServerDeps) {
  return {
    level: config.logLevel,
    redact: { paths: ['req.headers.authorization', 'headers.authorization'], censor: '[redacted]' },
    ...(deps.logStream !== undefined ? { stream: deps.logStream } : {}),
    ...(deps.prettyLogs && deps.logStream === undefined ? { transport: { target: 'pino-pretty' } } : {})
  }
}

/** Builds the mock; never listens (the CLI and tests decide how to run it). */
export async function buildServer(config: Config, deps: ServerDeps = {}): Promise<FastifyInstance> {
  const store = deps.store ?? new MemoryStore(await loadFixtures(config.fixtures))
  const routes = new RouteTable()
  const notFound = notFoundHandler(routes)
  const limits = { ...DEFAULT_LIMITS, ...deps.limits }
  const app = Fastify({
    ...nodeServerOptions(limits, deps.tls),
    logger: loggerOptions(config, deps),
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
  // TypeBox's compiled checks instead of Ajv: Ajv's Fastify defaults strip unknown properties and coerce
  // types, and a Graph mock must reject both.
  app.setValidatorCompiler(TypeBoxValidatorCompiler)
  app.addHook('onRoute', (route) => routes.add(route))
  app.addHook('onRequest', async (request, reply) => setGraphHeaders(request, reply))
  refuseWhileClosing(app)
  app.setErrorHandler(handleError)
  app.setNotFoundHandler(notFound)

  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin === undefined ? false : '*'),
    methods: ['GET', 'PATCH', 'POST', 'PUT', 'DELETE'],
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: 3600,
    strictPreflight: false
  })
  await app.register(controlPlugin, { prefix: '/_mock', certificate: deps.tls?.cert })
  await app.register(graphPlugin, {
    prefix: '/beta',
    store,
    auth: config.auth,
    patchMode: config.patchMode
  })
  return app
}

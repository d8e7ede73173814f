import { createHash, timingSafeEqual } from 'node:crypto'
import type { TSchema } from '@sinclair/typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { GraphError } from '../graph/errors/graph-error.js'
import { OpenApiDocumentSchema, TextSchema } from '../model/control/control-answers.js'
import type { LifecycleStore } from '../store/lifecycle-store.js'
import { faultRoutes } from './faults/fault-routes.js'
import type { FaultRuleState } from './faults/fault-rule-state.js'
import { inspectorRoutes } from './inspector/inspector-routes.js'
import type { Journal } from './journal/journal.js'
import { journalRoutes } from './journal/journal-routes.js'
import { JournalStreams, type StreamSettings } from './journal/journal-stream.js'
import type { RouteFacts } from './request-facts.js'
import type { BackendProbe } from './state/backend-probe.js'
import { probeRoutes } from './state/probe-routes.js'
import { stateRoutes } from './state/state-routes.js'
import { worldRoutes } from './state/world-routes.js'
import type { ThrottleWindows } from './throttle/throttle-windows.js'
import { tokenRoutes } from './token-routes.js'
import type { PageLinks } from './verify/page-links.js'
import { reportRoutes } from './verify/report-routes.js'

export interface ControlOptions {
  store: LifecycleStore
  journal: Journal
  /** The page links Graph handed out, forgotten with the rest of a tenant's state on reset. */
  pageLinks: PageLinks
  /** Graph's routes, for the report. */
  routes: RouteFacts
  stream: StreamSettings
  faults: FaultRuleState
  throttle: ThrottleWindows | undefined
  /** Where the shared state is kept, for `/health` and `/ready`. */
  backend: BackendProbe
  /** Empty: no key needed. */
  adminKey: string
  /** The PEM the server presents over HTTPS, served at `/ca.pem`. */
  certificate?: string
  /** Graph's answer to an unknown path, for unknown paths here too (which are not Graph requests to journal). */
  notFound: (request: FastifyRequest, reply: FastifyReply) => FastifyReply
  /** The server's OpenAPI document (without `servers`), built from its route table once every route is in. */
  openApiDocument: () => object
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}

/** `onRequest` hook of the control scope when `--admin-key` is set: the header must carry the key. */
function requireAdminKey(adminKey: string) {
  const expected = digest(adminKey)
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const sent = request.headers['x-mock-admin-key']
    // Digests have one length, so the comparison takes the same time whatever was sent.
    if (typeof sent !== 'string' || !timingSafeEqual(digest(sent), expected))
      throw GraphError.adminKeyRequired()
  }
}

type ProtectedOptions = Omit<
  ControlOptions,
  'backend' | 'certificate' | 'notFound' | 'stream' | 'openApiDocument'
> & {
  streams: JournalStreams
}

/** The control routes, behind the admin key when there is one (the journal's stream too: send it in the header). */
async function protectedRoutes(app: FastifyInstance, options: ProtectedOptions) {
  if (options.adminKey !== '') app.addHook('onRequest', requireAdminKey(options.adminKey))
  const { store, journal, pageLinks, routes, streams, faults, throttle } = options
  await app.register(stateRoutes, { store, journal, pageLinks, faults, throttle })
  await app.register(worldRoutes, { store })
  await app.register(journalRoutes, { journal, streams })
  await app.register(reportRoutes, { journal, routes })
  await app.register(faultRoutes, { faults })
  await app.register(tokenRoutes)
}

const json = (schema: TSchema) => ({ content: { 'application/json': schema } })

/**
 * The routes open even with an admin key: the health and readiness probes, the certificate (when serving HTTPS)
 * that clients need to trust, for NODE_EXTRA_CA_CERTS or curl --cacert, the OpenAPI document and the inspector
 * page (neither holds any data).
 */
async function openRoutes(
  app: FastifyInstance,
  options: Pick<ControlOptions, 'certificate' | 'backend' | 'openApiDocument' | 'notFound' | 'adminKey'>
) {
  await app.register(probeRoutes, { backend: options.backend })
  const certificate = {
    summary: 'The certificate the mock serves HTTPS with (--tls)',
    open: true,
    errors: { 404: 'The mock serves plain HTTP (started without --tls)' },
    answer: { content: { 'application/x-pem-file': TextSchema } }
  }
  app.get('/ca.pem', { config: { openapi: certificate } }, async function caCertificate(_request, reply) {
    if (options.certificate === undefined) throw GraphError.tlsOff()
    return reply.type('application/x-pem-file').send(options.certificate)
  })
  const openapi = {
    summary: 'This OpenAPI 3.1 document',
    open: true,
    answer: json(OpenApiDocumentSchema)
  }
  app.get('/openapi.json', { config: { openapi } }, async function openApiDocument(request) {
    return { ...options.openApiDocument(), servers: [{ url: `${request.protocol}://${request.host}` }] }
  })
  await app.register(inspectorRoutes, { notFound: options.notFound, adminKey: options.adminKey !== '' })
}

/** The `/_mock` scope: test control, outside Graph's auth, never throttled or faulted. */
export async function controlPlugin(app: FastifyInstance, options: ControlOptions) {
  // JSON in and out: any other body is a 415, not a string that fails the schema.
  app.removeContentTypeParser('text/plain')
  app.setNotFoundHandler(options.notFound)
  // `curl -X POST -H 'Content-Type: application/json' …/reset` sends no body: that is no body, not bad JSON.
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) =>
    body === '' ? done(null, undefined) : parseJson(request, body as string, done)
  )
  const { certificate, backend, openApiDocument, notFound } = options
  await app.register(openRoutes, {
    certificate,
    backend,
    openApiDocument,
    notFound,
    adminKey: options.adminKey
  })
  const streams = new JournalStreams(options.journal, options.stream)
  // Open streams would hold shutdown up until they end: end them first.
  app.addHook('preClose', (done) => {
    streams.closeAll()
    done()
  })
  const { store, journal, pageLinks, routes, faults, throttle, adminKey } = options
  await app.register(protectedRoutes, {
    store,
    journal,
    pageLinks,
    routes,
    streams,
    faults,
    throttle,
    adminKey
  })
}

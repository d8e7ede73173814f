import { createHash, timingSafeEqual } from 'node:crypto'
import type { TSchema } from '@sinclair/typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { GraphError } from '../graph/errors/graph-error.js'
import { OPTION_OFF, OpenApiDocumentSchema, TextSchema } from '../model/control/control-answers.js'
import { faultRoutes } from './faults/fault-routes.js'
import { inspectorRoutes } from './inspector/inspector-routes.js'
import { journalRoutes } from './journal/journal-routes.js'
import { JournalStreams, type StreamSettings } from './journal/journal-stream.js'
import type { RouteFacts } from './request-facts.js'
import type { BackendProbe } from './state/backend-probe.js'
import type { MockState } from './state/mock-state.js'
import { probeRoutes } from './state/probe-routes.js'
import { snapshotRoutes } from './state/snapshot-routes.js'
import { stateRoutes } from './state/state-routes.js'
import { worldRoutes } from './state/world-routes.js'
import { tokenRoutes } from './token-routes.js'
import { reportRoutes } from './verify/report-routes.js'

export interface ControlOptions {
  /** Records, fault rules, throttling windows, the journal and its page links: in memory, or Redis for replicas. */
  state: MockState
  /** Graph's routes, for the report. */
  routes: RouteFacts
  stream: StreamSettings
  /** `--state-file`, where `POST /snapshot/save` writes. */
  stateFile: string | undefined
  /** Empty: no key needed. */
  adminKey: string
  /** The PEM the server presents over HTTPS, served at `/ca.pem`. */
  certificate?: string
  /** Graph's answer to an unknown path, for unknown paths here too (which are not Graph requests to journal). */
  notFound: (request: FastifyRequest, reply: FastifyReply) => FastifyReply
  /** The server's OpenAPI document (without `servers`), built from its route table once every route is in. */
  openApiDocument: () => object
  /** The folder of the inspector page's files. */
  inspectorAssets: URL
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
  'certificate' | 'notFound' | 'stream' | 'openApiDocument' | 'inspectorAssets'
> & {
  streams: JournalStreams
}

/** The control routes, behind the admin key when there is one (the journal's stream too: send it in the header). */
async function protectedRoutes(app: FastifyInstance, options: ProtectedOptions) {
  if (options.adminKey !== '') app.addHook('onRequest', requireAdminKey(options.adminKey))
  const { state, stateFile, routes, streams } = options
  const { store, journal, faults } = state
  await app.register(stateRoutes, { state })
  await app.register(snapshotRoutes, { state, stateFile })
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
  options: Pick<
    ControlOptions,
    'certificate' | 'openApiDocument' | 'notFound' | 'adminKey' | 'inspectorAssets'
  > & {
    backend: BackendProbe
  }
) {
  await app.register(probeRoutes, { backend: options.backend })
  const certificate = {
    summary: 'The certificate the mock serves HTTPS with (--tls)',
    open: true,
    errors: { 404: OPTION_OFF },
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
  await app.register(inspectorRoutes, {
    assets: options.inspectorAssets,
    notFound: options.notFound,
    adminKey: options.adminKey !== ''
  })
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
  const { certificate, openApiDocument, notFound, inspectorAssets } = options
  await app.register(openRoutes, {
    certificate,
    inspectorAssets,
    backend: options.state.backend,
    openApiDocument,
    notFound,
    adminKey: options.adminKey
  })
  const streams = new JournalStreams(options.state.journal, options.stream)
  // Open streams would hold shutdown up until they end: end them first.
  app.addHook('preClose', (done) => {
    streams.closeAll()
    done()
  })
  const { state, stateFile, routes, adminKey } = options
  await app.register(protectedRoutes, { state, stateFile, routes, streams, adminKey })
}

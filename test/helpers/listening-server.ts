import type { FastifyInstance } from 'fastify'
import { Agent } from 'undici'
import { configWith } from '../../src/config.js'
import { buildServer } from '../../src/server.js'
import { BUNDLED_FIXTURES, loadFixtures } from '../../src/store/load-fixtures.js'
import { MemoryStore } from '../../src/store/memory-store.js'
import { generateCertificate } from '../../src/tls/certificate.js'
import { DEFAULT_TOKEN_TENANT } from '../../src/token.js'

/** The record of the seed page's example, present in the bundled fixtures. */
export const SEED_ID = '78b83505-6967-4168-a7ea-4921c0543ce9'

/** The tenant of minted tokens, where their writes land. */
export const TOKEN_TENANT = DEFAULT_TOKEN_TENANT

/** A body the seed page's strict PATCH accepts. */
export const SEED_PATCH = {
  completedDateTime: '2026-11-28T09:35:00.1234567Z',
  failedTasksCount: 1,
  processingStatus: 'completedWithErrors',
  scheduledDateTime: '2026-11-28T09:30:00Z',
  startedDateTime: '2026-11-28T09:31:00+02:00',
  totalTasksCount: 3,
  totalUnprocessedTasksCount: 0,
  workflowExecutionType: 'scheduled',
  workflowVersion: 2
}

export interface ListeningServer {
  app: FastifyInstance
  store: MemoryStore
  port: number
  /** `https://localhost:PORT` with TLS (the name SDK host checks want), else `http://127.0.0.1:PORT`. */
  origin: string
  /** With TLS: an undici dispatcher that trusts the server's certificate, for `fetch(url, { dispatcher })`. */
  dispatcher: Agent | undefined
  close(): Promise<void>
}

/** Starts the mock on 127.0.0.1 and a free port, as a user would run it for an SDK. */
export async function startListeningServer(options: {
  auth: 'enforce' | 'off'
  tls: boolean
}): Promise<ListeningServer> {
  const store = new MemoryStore(await loadFixtures(BUNDLED_FIXTURES))
  const tls = options.tls ? await generateCertificate() : undefined
  const app = await buildServer(configWith({ auth: options.auth, logLevel: 'silent' }), { store, tls })
  const port = Number(new URL(await app.listen({ port: 0, host: '127.0.0.1' })).port)
  // Trusting the generated certificate the honest way: as a CA of this client, not by turning checks off.
  const dispatcher = tls === undefined ? undefined : new Agent({ connect: { ca: tls.cert } })
  return {
    app,
    store,
    port,
    origin: tls === undefined ? `http://127.0.0.1:${port}` : `https://localhost:${port}`,
    dispatcher,
    async close() {
      await dispatcher?.close()
      await app.close()
    }
  }
}

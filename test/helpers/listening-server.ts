import type { FastifyInstance } from 'fastify'
import { Agent } from 'undici'
import { type Config, configWith } from '../../src/config.js'
import { BUNDLED_FIXTURES } from '../../src/package-files.js'
import { buildServer } from '../../src/server.js'
import { MemoryStore } from '../../src/store/memory-store.js'
import { loadSeed } from '../../src/store/seed/load-fixtures.js'
import { generateCertificate } from '../../src/tls/certificate.js'

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
  /** Other options, e.g. a rate limit. */
  config?: Partial<Config>
}): Promise<ListeningServer> {
  const store = new MemoryStore(await loadSeed(BUNDLED_FIXTURES))
  const tls = options.tls ? await generateCertificate() : undefined
  const app = await buildServer(configWith({ ...options.config, auth: options.auth, logLevel: 'silent' }), {
    store,
    tls
  })
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

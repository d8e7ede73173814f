import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { type Config, configWith } from '../../src/config.js'
import { DEFAULT_TOKEN_TENANT, mintToken, type TokenOptions } from '../../src/model/token.js'
import type { UserProcessingResult } from '../../src/model/user-processing-result.js'
import { buildServer, type ServerDeps } from '../../src/server.js'
import type { LifecycleStore } from '../../src/store/lifecycle-store.js'
import { MemoryStore } from '../../src/store/memory-store.js'
import { RedisConnection } from '../../src/store/redis/redis-connection.js'
import { RedisStore } from '../../src/store/redis/redis-store.js'
import { loadSeed } from '../../src/store/seed/load-fixtures.js'
import { SILENT_LOG } from './silent-log.js'

export const DOC_ID = '78b83505-6967-4168-a7ea-4921c0543ce9'
export const SEED_PATH = `/beta/workflowBase/userProcessingResults/${DOC_ID}`
export const WRITE = 'LifecycleWorkflows.ReadWrite.All'
export const READ = 'LifecycleWorkflows.Read.All'

/** A complete, valid strict-mode PATCH body. */
export function validBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    completedDateTime: '2026-11-28T10:15:30.1234567Z',
    failedTasksCount: 1,
    processingStatus: 'completedWithErrors',
    scheduledDateTime: '2026-11-28T10:00:00Z',
    startedDateTime: '2026-11-28T10:00:05.5Z',
    totalTasksCount: 4,
    totalUnprocessedTasksCount: 0,
    workflowExecutionType: 'scheduled',
    workflowVersion: 7,
    ...overrides
  }
}

export function bearer(options: TokenOptions = {}): string {
  return `Bearer ${mintToken(options)}`
}

export interface TestServer {
  app: FastifyInstance
  /** The server's store; with Redis, a replica's view of it (a store of its own on the same keys). */
  store: LifecycleStore
  /** The tenant's records, to compare before and after a request. */
  snapshot(tenant?: string): Promise<UserProcessingResult[]>
  patch(body: unknown, options?: Partial<InjectOptions>): Promise<LightMyRequestResponse>
}

export async function testServer(
  overrides: Partial<Config> = {},
  deps: Omit<ServerDeps, 'store'> = {}
): Promise<TestServer> {
  const config = configWith({ logLevel: 'silent', ...overrides })
  const seed = await loadSeed(config.fixtures)
  let app: FastifyInstance
  let store: LifecycleStore
  if (config.redisUrl === undefined) {
    store = new MemoryStore(seed, { maxTenants: config.maxTenants })
    app = await buildServer(config, { ...deps, store })
  } else {
    app = await buildServer(config, deps)
    const connection = await RedisConnection.open(config.redisUrl, config.redisPrefix, SILENT_LOG)
    app.addHook('onClose', () => connection.close())
    store = new RedisStore(connection, seed, { maxTenants: config.maxTenants })
  }
  return {
    app,
    store,
    snapshot: (tenant = DEFAULT_TOKEN_TENANT) => store.list(tenant),
    patch: (body, options = {}) =>
      app.inject({
        method: 'PATCH',
        url: SEED_PATH,
        ...options,
        headers: { authorization: bearer(), 'content-type': 'application/json', ...options.headers },
        payload: typeof body === 'string' ? body : JSON.stringify(body)
      })
  }
}

export function errorOf(response: { json(): unknown }) {
  return (response.json() as { error: { code: string; message: string; details?: { target: string }[] } })
    .error
}

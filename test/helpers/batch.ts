import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'
import { type Config, configWith } from '../../src/config.js'
import type { BatchResponseBody, BatchResponseItem } from '../../src/model/batch.js'
import { DEFAULT_TOKEN_TENANT } from '../../src/model/token.js'
import type { UserProcessingResult } from '../../src/model/user-processing-result.js'
import { BUNDLED_FIXTURES } from '../../src/package-files.js'
import { buildServer } from '../../src/server.js'
import { MemoryStore } from '../../src/store/memory-store.js'
import { loadSeed } from '../../src/store/seed/load-fixtures.js'
import { bearer } from './graph-server.js'

/** A request inside a batch, as a client writes it. */
export interface InnerRequest {
  id: string
  method: string
  url: string
  headers?: Record<string, string>
  body?: unknown
  dependsOn?: string[]
}

export interface BatchServer {
  app: FastifyInstance
  store: MemoryStore
  snapshot(tenant?: string): Promise<UserProcessingResult[]>
  /** `POST /beta/$batch` with a token that may do everything, unless the headers say otherwise. */
  batch(body: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>
  /** The same request sent on its own, with the batch's token. */
  alone(request: InnerRequest, headers?: Record<string, string>): Promise<LightMyRequestResponse>
}

/** The mock on the bundled fixtures (the whole world), as `npm start` serves them. */
export async function batchServer(overrides: Partial<Config> = {}): Promise<BatchServer> {
  const store = new MemoryStore(await loadSeed(BUNDLED_FIXTURES))
  const app = await buildServer(configWith({ logLevel: 'silent', ...overrides }), { store })
  return {
    app,
    store,
    snapshot: (tenant = DEFAULT_TOKEN_TENANT) => store.list(tenant),
    batch: (body, headers = {}) =>
      app.inject({
        method: 'POST',
        url: '/beta/$batch',
        headers: { authorization: bearer(), 'content-type': 'application/json', ...headers },
        payload: typeof body === 'string' ? body : JSON.stringify(body)
      }),
    alone: (request, headers = {}) =>
      app.inject({
        method: request.method,
        url: `/beta${request.url.startsWith('/') ? '' : '/'}${request.url}`,
        headers: { authorization: bearer(), ...request.headers, ...headers },
        ...(request.body === undefined ? {} : { payload: JSON.stringify(request.body) })
      })
  }
}

export function responsesOf(response: LightMyRequestResponse): BatchResponseItem[] {
  expect(response.statusCode).toBe(200)
  return (response.json() as BatchResponseBody).responses
}

/** A body without what differs between two sends of the same request: the error's date and request ids. */
export function withoutRequestIds(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || !('error' in body)) return body
  const { error } = body as { error: { innerError: Record<string, unknown> } }
  const { date: _date, 'request-id': _id, 'client-request-id': _clientId, ...inner } = error.innerError
  return { error: { ...error, innerError: inner } }
}

/** An inner answer is the answer the request gets alone: status, Content-Type, Retry-After and body. */
export function expectSameAnswer(item: BatchResponseItem | undefined, alone: LightMyRequestResponse): void {
  expect(item?.status).toBe(alone.statusCode)
  expect(item?.headers['Content-Type']).toBe(alone.headers['content-type'])
  expect(item?.headers['Retry-After']).toBe(alone.headers['retry-after'])
  const aloneBody = String(alone.headers['content-type']).includes('json') ? alone.json() : alone.body
  expect(withoutRequestIds(item?.body)).toEqual(withoutRequestIds(aloneBody))
}

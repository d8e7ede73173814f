import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import type { Config } from '../../src/config.js'
import type { ApiVersion } from '../../src/model/enums.js'
import type { LifecycleStore } from '../../src/store/lifecycle-store.js'
import { bearer, testServer } from './graph-server.js'

/** Ids of the bundled world (fixtures/*.json) the tree tests walk. */
export const WORLD = {
  workflow: '14879e66-9ea9-48d0-804d-8fea672d0341',
  run: 'dad77a47-6eda-4de7-bc37-fe8eb5aaf17d',
  result: '78b83505-6967-4168-a7ea-4921c0543ce9',
  taskResult: '05a96d7a-0e00-459c-b6c8-1870099e8275',
  task: 'dd3a7f58-089e-4751-b2fe-218166364294',
  queuedResult: '2a9f0b39-6f60-4a4b-8c3e-5d1e4f2a7b10',
  reprocessedResult: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f70',
  reprocessingRun: '78918dd4-144e-4562-a783-438e1dbf1bde',
  /** A task result in progress on a built-in task (Add User To Teams), and one queued on the custom task. */
  busyResult: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
  offboarding: 'e1a7518e-cda9-44a6-a8f5-17608c7fa81c',
  offboardingRun: '8bdc612f-46c6-4f69-9dd0-acf385c2fbd4',
  customTask: '3e4a523d-4cf1-4532-a2e0-7e6e882fc7c5',
  /** Two results whose last task (the custom task extension) waits for resume. */
  waiting: '7e1f0a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b',
  waitingTask: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  waiting2: '8f2a1b3c-4d5e-4f60-9b7c-8d9e0f1a2b3c',
  waitingTask2: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
  deletedWorkflow: 'f1937e0c-c509-4250-ab51-d5e6e35fcbda'
} as const

/** The Lifecycle Workflows root of a version. */
export const lcw = (version: ApiVersion = 'beta') => `/${version}/identityGovernance/lifecycleWorkflows`

/** A server on the bundled world, with its store (a replica's view of it with Redis) to compare before and after. */
export async function buildLcwApp(
  overrides: Partial<Config> = {}
): Promise<{ app: FastifyInstance; store: LifecycleStore }> {
  const { app, store } = await testServer(overrides)
  return { app, store }
}

export interface CallOptions extends Omit<InjectOptions, 'url' | 'headers'> {
  /** Delegated permissions of the token; `null` sends no Authorization header. */
  scopes?: readonly string[] | null
  tenant?: string
  headers?: Record<string, string>
}

/** A request with a token of the given scopes (default: LifecycleWorkflows.ReadWrite.All). */
export function call(
  app: FastifyInstance,
  url: string,
  options: CallOptions = {}
): Promise<LightMyRequestResponse> {
  const { scopes, tenant, headers, ...rest } = options
  const authorization =
    scopes === null
      ? {}
      : { authorization: bearer({ scopes: scopes ?? ['LifecycleWorkflows.ReadWrite.All'], tenant }) }
  return app.inject({ method: 'GET', url, ...rest, headers: { ...authorization, ...headers } })
}

/** The JSON body of a Graph answer. */
export function body(response: LightMyRequestResponse) {
  return response.json() as Record<string, unknown> & { value?: Record<string, unknown>[] }
}

/** The body of `resume` as Microsoft's Logic App template sends it. */
export function resumeBody(operationStatus: string) {
  return { data: { operationStatus }, source: 'sample', type: 'lifecycleEvent' }
}

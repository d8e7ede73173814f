import type { FastifyInstance, InjectOptions } from 'fastify'
import { type Config, configWith } from '../../src/config.js'
import type { UserProcessingResult } from '../../src/model/user-processing-result.js'
import { buildServer } from '../../src/server.js'
import { MemoryStore } from '../../src/store/memory-store.js'
import { defaultWorkflow, type StoredWorkflow } from '../../src/store/world.js'
import { bearer } from './graph-server.js'

export const WORKFLOW = '14879e66-9ea9-48d0-804d-8fea672d0341'
export const RUN = 'dad77a47-6eda-4de7-bc37-fe8eb5aaf17d'
export const OTHER_WORKFLOW = '156ce798-1eb6-4e0a-8515-e79f54d04390'
export const LCW = '/beta/identityGovernance/lifecycleWorkflows'
export const workflowResults = (workflowId = WORKFLOW) =>
  `${LCW}/workflows/${workflowId}/userProcessingResults`
export const runResults = (workflowId = WORKFLOW, runId = RUN) =>
  `${LCW}/workflows/${workflowId}/runs/${runId}/userProcessingResults`

const READER = bearer({ scopes: ['LifecycleWorkflows-Reports.Read.All'] })

/** Placement of results in a workflow for a test: the workflow's id, its results and runs. */
export interface WorkflowPlacement {
  id: string
  resultIds: readonly string[]
  runs: readonly { id: string; resultIds: readonly string[] }[]
}

/** A stored workflow with default properties, holding the given results and runs. */
export function placedWorkflow({ id, resultIds, runs }: WorkflowPlacement): StoredWorkflow {
  const base = defaultWorkflow()
  return {
    ...base,
    workflow: { ...base.workflow, id },
    resultIds,
    runs: runs.map((run) => ({
      id: run.id,
      userProcessingResultIds: [...run.resultIds],
      scheduledDateTime: '2026-11-28T10:00:00Z'
    }))
  }
}

/** The app on the bundled fixtures, or on the given records and workflows. */
export async function buildWorkflowApp(
  options: {
    records?: UserProcessingResult[]
    workflows?: WorkflowPlacement[]
    pageSize?: number
    /** Other options, e.g. a backend's (without records: with Redis the server seeds its store itself). */
    config?: Partial<Config>
  } = {}
): Promise<{ app: FastifyInstance; store: MemoryStore | undefined }> {
  const store =
    options.records === undefined
      ? undefined
      : new MemoryStore({
          workflows: (options.workflows ?? []).map(placedWorkflow),
          results: options.records,
          details: new Map()
        })
  const app = await buildServer(
    configWith({
      logLevel: 'silent',
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
      ...options.config
    }),
    store === undefined ? {} : { store }
  )
  return { app, store }
}

/** A GET with a read token, parsed as JSON when it is. */
export async function get(app: FastifyInstance, url: string, options: Omit<InjectOptions, 'url'> = {}) {
  const response = await app.inject({
    method: 'GET',
    url,
    ...options,
    headers: { authorization: READER, ...options.headers }
  })
  const json = response.headers['content-type']?.toString().includes('json') ? response.json() : undefined
  return { response, status: response.statusCode, json, body: response.body }
}

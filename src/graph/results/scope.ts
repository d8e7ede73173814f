import type { UserProcessingResult } from '../../model/user-processing-result.js'
import type { ResultStore } from '../../store/result-store.js'
import type { WorkflowDirectory } from '../../store/workflow-directory.js'
import { GraphError } from '../errors/graph-error.js'

/** Where a request reads userProcessingResults: a workflow, or one run of it. */
export interface ResultScope {
  workflowId: string
  runId?: string | undefined
}

/** Reads results through workflows and runs; an unknown workflow, run or result is a 404 naming its id. */
export class ScopedResults {
  constructor(
    private readonly store: ResultStore,
    private readonly workflows: WorkflowDirectory
  ) {}

  async list(tenant: string, scope: ResultScope): Promise<UserProcessingResult[]> {
    this.#check(scope)
    const records = await this.store.list(tenant)
    return records.filter((record) => this.workflows.contains(record.id, scope.workflowId, scope.runId))
  }

  async get(tenant: string, scope: ResultScope, id: string): Promise<UserProcessingResult> {
    this.#check(scope)
    const record = await this.store.get(tenant, id)
    if (record === undefined || !this.workflows.contains(id, scope.workflowId, scope.runId)) {
      throw GraphError.resourceNotFound(id)
    }
    return record
  }

  #check({ workflowId, runId }: ResultScope): void {
    if (!this.workflows.hasWorkflow(workflowId)) throw GraphError.resourceNotFound(workflowId)
    if (runId !== undefined && !this.workflows.hasRun(workflowId, runId))
      throw GraphError.resourceNotFound(runId)
  }
}

/** The scope's entity-set path as `@odata.context` writes it. */
export function scopePath({ workflowId, runId }: ResultScope): string {
  const key = (id: string) => `('${id.replaceAll("'", "''")}')`
  const run = runId === undefined ? '' : `/runs${key(runId)}`
  return `identityGovernance/lifecycleWorkflows/workflows${key(workflowId)}${run}/userProcessingResults`
}

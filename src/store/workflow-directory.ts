/**
 * The workflow every result belongs to unless a fixture places it in another one: the results of the
 * plain-array fixture form, and any record added later (e.g. through the control API). Its id is the one
 * in Graph's "Get userProcessingResult" example, so the documented URL works against the bundled fixtures.
 */
export const DEFAULT_WORKFLOW_ID = '14879e66-9ea9-48d0-804d-8fea672d0341'

export interface WorkflowDefinition {
  id: string
  resultIds: readonly string[]
  runs: readonly { id: string; resultIds: readonly string[] }[]
}

/** Which workflow and runs each userProcessingResult belongs to. Results themselves live in the store. */
export class WorkflowDirectory {
  readonly #runs = new Map<string, Map<string, ReadonlySet<string>>>([[DEFAULT_WORKFLOW_ID, new Map()]])
  readonly #owner = new Map<string, string>()

  constructor(workflows: readonly WorkflowDefinition[] = []) {
    for (const workflow of workflows) {
      this.#runs.set(workflow.id, new Map(workflow.runs.map((run) => [run.id, new Set(run.resultIds)])))
      for (const id of workflow.resultIds) this.#owner.set(id, workflow.id)
    }
  }

  hasWorkflow(workflowId: string): boolean {
    return this.#runs.has(workflowId)
  }

  hasRun(workflowId: string, runId: string): boolean {
    return this.#runs.get(workflowId)?.has(runId) ?? false
  }

  workflowOf(resultId: string): string {
    return this.#owner.get(resultId) ?? DEFAULT_WORKFLOW_ID
  }

  /** Whether a result is reached through this workflow, or through this run of it. */
  contains(resultId: string, workflowId: string, runId?: string): boolean {
    if (this.workflowOf(resultId) !== workflowId) return false
    return runId === undefined || (this.#runs.get(workflowId)?.get(runId)?.has(resultId) ?? false)
  }
}

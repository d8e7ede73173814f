import type { UserProcessingResult } from '../model/user-processing-result.js'
import type { Resumed, ResumeOutcome, ResumeRefusal } from './derive/resume.js'
import type { ResultDetail, StoredWorkflow } from './world.js'

/** The task result a `resume` addresses: through its workflow and the result it belongs to. */
export interface TaskResultAddress {
  workflowId: string
  resultId: string
  taskResultId: string
}

/**
 * The Lifecycle Workflows tree around the results, per tenant: workflows with their tasks and runs, which
 * results a workflow or run reaches, and each result's task results and reprocessed runs. Reads return frozen
 * values; `resumeTask` is one atomic write. Run figures are not stored: they are derived from the results.
 */
export interface WorkflowStore {
  /** Every workflow, deleted ones included (their `deletedDateTime` is set), in fixture order. */
  listWorkflows(tenant: string): Promise<StoredWorkflow[]>
  getWorkflow(tenant: string, workflowId: string): Promise<StoredWorkflow | undefined>
  /** The results of a workflow, or of one run of it, in store order; empty for an unknown workflow or run. */
  resultsOf(tenant: string, workflowId: string, runId?: string): Promise<UserProcessingResult[]>
  /** One result if it is reached through the workflow (or that run of it), else `undefined`. */
  resultOf(
    tenant: string,
    workflowId: string,
    resultId: string,
    runId?: string
  ): Promise<UserProcessingResult | undefined>
  /** Each result's task results and reprocessed runs, in the order of `resultIds` (empty for an unknown id). */
  detailsOf(tenant: string, resultIds: readonly string[]): Promise<ResultDetail[]>
  /**
   * Applies a custom task extension's report to the task result and the result it belongs to, together, or
   * refuses and changes nothing (the address does not lead to a task result, or it is not waiting for a report).
   */
  resumeTask(
    tenant: string,
    address: TaskResultAddress,
    outcome: ResumeOutcome
  ): Promise<Resumed | ResumeRefusal>
}

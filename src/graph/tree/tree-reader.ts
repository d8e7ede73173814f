import type { StoredRun } from '../../model/run.js'
import type { Task } from '../../model/task.js'
import type { TaskProcessingResult } from '../../model/task-processing-result.js'
import type { UserProcessingResult } from '../../model/user-processing-result.js'
import type { LifecycleStore } from '../../store/lifecycle-store.js'
import type { StoredWorkflow } from '../../store/world.js'
import { GraphError } from '../errors/graph-error.js'
import type { TreeScope } from './tree-paths.js'

/** A task result with what Graph writes inline: its task, and the result whose subject it has. */
export interface TaskResultRow {
  taskResult: TaskProcessingResult
  task: Task | undefined
  result: UserProcessingResult
}

/**
 * Reads the tree along a request's path. Every id on the way must lead somewhere, or it is Graph's
 * `404 ResourceNotFound` naming that id; a deleted workflow is only found under `deletedItems`, a live one only
 * under `workflows`.
 */
export class TreeReader {
  constructor(private readonly store: LifecycleStore) {}

  async workflow(tenant: string, scope: TreeScope): Promise<StoredWorkflow> {
    const stored = await this.store.getWorkflow(tenant, scope.workflowId)
    if (stored === undefined || (stored.workflow.deletedDateTime !== null) !== scope.deleted) {
      throw GraphError.resourceNotFound(scope.workflowId)
    }
    return stored
  }

  async run(tenant: string, scope: TreeScope & { runId: string }): Promise<StoredRun> {
    const stored = await this.workflow(tenant, scope)
    const run = stored.runs.find((candidate) => candidate.id === scope.runId)
    if (run === undefined) throw GraphError.resourceNotFound(scope.runId)
    return run
  }

  async task(tenant: string, scope: TreeScope & { taskId: string }): Promise<Task> {
    const stored = await this.workflow(tenant, scope)
    const task = stored.tasks.find((candidate) => candidate.id === scope.taskId)
    if (task === undefined) throw GraphError.resourceNotFound(scope.taskId)
    return task
  }

  /** The results of the scope's workflow, or of its run. */
  async results(tenant: string, scope: TreeScope): Promise<UserProcessingResult[]> {
    await this.#parents(tenant, scope)
    return this.store.resultsOf(tenant, scope.workflowId, scope.runId)
  }

  async result(tenant: string, scope: TreeScope & { resultId: string }): Promise<UserProcessingResult> {
    await this.#parents(tenant, scope)
    const record = await this.store.resultOf(tenant, scope.workflowId, scope.resultId, scope.runId)
    if (record === undefined) throw GraphError.resourceNotFound(scope.resultId)
    return record
  }

  /**
   * The task results the scope reaches: those of one result, of every result of a run, or, below a task, of
   * every result of the workflow that ran that task.
   */
  async taskResults(tenant: string, scope: TreeScope): Promise<TaskResultRow[]> {
    const { tasks } = await this.workflow(tenant, scope)
    if (scope.taskId !== undefined) await this.task(tenant, { ...scope, taskId: scope.taskId })
    const results =
      scope.resultId === undefined
        ? await this.results(tenant, scope)
        : [await this.result(tenant, { ...scope, resultId: scope.resultId })]
    const details = await this.store.detailsOf(
      tenant,
      results.map((result) => result.id)
    )
    return results.flatMap((result, index) =>
      (details[index]?.taskProcessingResults ?? [])
        .filter((taskResult) => scope.taskId === undefined || taskResult.taskId === scope.taskId)
        .map((taskResult) => ({
          taskResult,
          task: tasks.find((task) => task.id === taskResult.taskId),
          result
        }))
    )
  }

  async #parents(tenant: string, scope: TreeScope): Promise<void> {
    if (scope.runId !== undefined) await this.run(tenant, { ...scope, runId: scope.runId })
    else await this.workflow(tenant, scope)
  }
}

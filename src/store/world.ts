import type { StoredRun } from '../model/run.js'
import type { Task } from '../model/task.js'
import type { TaskProcessingResult } from '../model/task-processing-result.js'
import type { UserProcessingResult } from '../model/user-processing-result.js'
import type { Workflow } from '../model/workflow.js'

/**
 * The workflow every result belongs to unless a fixture places it in another one: the results of the
 * plain-array fixture form, and any record added later (e.g. through the control API). Its id is the one
 * in Graph's "Get userProcessingResult" example, so the documented URL works against the bundled fixtures.
 */
export const DEFAULT_WORKFLOW_ID = '14879e66-9ea9-48d0-804d-8fea672d0341'

/** A workflow with what hangs below it in the store: its tasks, its runs and the ids of its results. */
export interface StoredWorkflow {
  workflow: Workflow
  tasks: readonly Task[]
  runs: readonly StoredRun[]
  /** The results the workflow lists; the default workflow also owns every result no workflow lists. */
  resultIds: readonly string[]
}

/** What belongs to one result besides its own properties. */
export interface ResultDetail {
  taskProcessingResults: readonly TaskProcessingResult[]
  /** Runs of the result's workflow that processed it again. */
  reprocessedRunIds: readonly string[]
}

export const NO_DETAIL: ResultDetail = Object.freeze({
  taskProcessingResults: Object.freeze([]),
  reprocessedRunIds: Object.freeze([])
})

/** Everything one tenant sees: what the fixtures seed, and what the control API reads, replaces and upserts. */
export interface World {
  workflows: readonly StoredWorkflow[]
  results: readonly UserProcessingResult[]
  details: ReadonlyMap<string, ResultDetail>
}

/**
 * The default workflow when no fixture declares it: a workflow that only runs on demand, so that results of
 * the plain-array form have a workflow to be read through.
 */
export function defaultWorkflow(): StoredWorkflow {
  return {
    workflow: {
      id: DEFAULT_WORKFLOW_ID,
      category: 'joiner',
      createdDateTime: null,
      deletedDateTime: null,
      description: null,
      displayName: 'Default workflow',
      executionConditions: { '@odata.type': '#microsoft.graph.identityGovernance.onDemandExecutionOnly' },
      isEnabled: true,
      isSchedulingEnabled: false,
      lastModifiedDateTime: null,
      nextScheduleRunDateTime: null,
      version: 1
    },
    tasks: [],
    runs: [],
    resultIds: []
  }
}

/** A world of results alone: they all belong to the default workflow. */
export function worldOfResults(results: readonly UserProcessingResult[]): World {
  return { workflows: [defaultWorkflow()], results, details: new Map() }
}

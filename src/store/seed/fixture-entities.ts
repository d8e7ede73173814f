import type { Task, TaskFixture } from '../../model/task.js'
import type { TaskProcessingResult, TaskProcessingResultFixture } from '../../model/task-processing-result.js'
import type { Workflow } from '../../model/workflow.js'
import type { WorkflowFixture } from '../../model/workflow-fixture.js'
import { DEFAULT_WORKFLOW_ID, defaultWorkflow } from '../world.js'
import { nullableUtc, utc } from './normalize-record.js'

/**
 * The workflow a fixture describes, with defaults for what it leaves out (an on-demand joiner workflow, enabled,
 * not scheduled, version 1; the default workflow keeps its own name), date-times in UTC.
 */
export function workflowOf(fixture: WorkflowFixture): Workflow {
  const base: Workflow =
    fixture.id === DEFAULT_WORKFLOW_ID
      ? defaultWorkflow().workflow
      : { ...defaultWorkflow().workflow, id: fixture.id, displayName: `Workflow ${fixture.id}` }
  const { tasks: _tasks, runs: _runs, userProcessingResults: _results, ...properties } = fixture
  const merged: Workflow = { ...base, ...properties }
  return {
    ...merged,
    createdDateTime: nullableUtc(merged.createdDateTime),
    deletedDateTime: nullableUtc(merged.deletedDateTime),
    lastModifiedDateTime: nullableUtc(merged.lastModifiedDateTime),
    nextScheduleRunDateTime: nullableUtc(merged.nextScheduleRunDateTime)
  }
}

/** A task with Graph's defaults for what the create-workflow page calls optional. */
export function taskOf(fixture: TaskFixture): Task {
  return {
    id: fixture.id,
    arguments: fixture.arguments ?? [],
    category: fixture.category,
    continueOnError: fixture.continueOnError ?? false,
    description: fixture.description ?? null,
    displayName: fixture.displayName,
    executionSequence: fixture.executionSequence,
    isEnabled: fixture.isEnabled ?? true,
    taskDefinitionId: fixture.taskDefinitionId
  }
}

export function taskResultOf(fixture: TaskProcessingResultFixture): TaskProcessingResult {
  return {
    id: fixture.id,
    taskId: fixture.taskId,
    completedDateTime: nullableUtc(fixture.completedDateTime),
    createdDateTime: utc(fixture.createdDateTime),
    failureReason: fixture.failureReason ?? null,
    processingStatus: fixture.processingStatus,
    startedDateTime: nullableUtc(fixture.startedDateTime)
  }
}

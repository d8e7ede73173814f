import { TimeBasedAttributeType, visibleMember, WorkflowCategoryType } from '../../model/enums.js'
import type { ExecutionConditions } from '../../model/execution-conditions.js'
import type { StoredWorkflow } from '../../store/world.js'
import type { View } from '../http/api-version.js'
import { presentTask } from './present-task.js'

/** The navigation properties of a workflow that Graph writes inline. */
export const WORKFLOW_NAVIGATIONS = ['createdBy', 'lastModifiedBy', 'tasks'] as const
type Navigation = (typeof WORKFLOW_NAVIGATIONS)[number]

function presentConditions(conditions: ExecutionConditions | null, view: View): ExecutionConditions | null {
  if (conditions === null || !('trigger' in conditions) || conditions.trigger === null) return conditions
  const { timeBasedAttribute } = conditions.trigger
  const visible = visibleMember(
    TimeBasedAttributeType,
    timeBasedAttribute,
    view.version,
    view.includeUnknownEnumMembers
  )
  return {
    ...conditions,
    trigger: { ...conditions.trigger, timeBasedAttribute: visible as typeof timeBasedAttribute }
  }
}

/**
 * A workflow as Graph writes it: `id`, the properties alphabetically, then the navigations asked for. Tasks come
 * with their own `@odata.context` (`tasksContext`), as in Graph's "Get workflow" example.
 */
export function presentWorkflow(
  { workflow, tasks }: StoredWorkflow,
  view: View,
  navigations: readonly string[],
  tasksContext: string
) {
  const wants = (name: Navigation) => navigations.includes(name)
  return {
    id: workflow.id,
    category: visibleMember(
      WorkflowCategoryType,
      workflow.category,
      view.version,
      view.includeUnknownEnumMembers
    ),
    createdDateTime: workflow.createdDateTime,
    deletedDateTime: workflow.deletedDateTime,
    description: workflow.description,
    displayName: workflow.displayName,
    executionConditions: presentConditions(workflow.executionConditions, view),
    isEnabled: workflow.isEnabled,
    isSchedulingEnabled: workflow.isSchedulingEnabled,
    lastModifiedDateTime: workflow.lastModifiedDateTime,
    nextScheduleRunDateTime: workflow.nextScheduleRunDateTime,
    version: workflow.version,
    ...(wants('createdBy') && workflow.createdBy !== undefined
      ? { createdBy: { id: workflow.createdBy.id } }
      : {}),
    ...(wants('lastModifiedBy') && workflow.lastModifiedBy !== undefined
      ? { lastModifiedBy: { id: workflow.lastModifiedBy.id } }
      : {}),
    ...(wants('tasks')
      ? { 'tasks@odata.context': tasksContext, tasks: tasks.map((task) => presentTask(task, view)) }
      : {})
  }
}

export type PresentedWorkflow = ReturnType<typeof presentWorkflow>

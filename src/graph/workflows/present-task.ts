import { TaskCategoryType, visibleMember } from '../../model/enums.js'
import type { Task } from '../../model/task.js'
import type { View } from '../http/api-version.js'

/** A flags value (`joiner,leaver`) with each member the client cannot know shown as `unknownFutureValue`, once. */
function visibleFlags(value: string, view: View): string {
  const members = value
    .split(',')
    .map((member) => visibleMember(TaskCategoryType, member, view.version, view.includeUnknownEnumMembers))
  return [...new Set(members)].join(',')
}

/** A task as Graph writes it, inline in a workflow and a task result or on its own. */
export function presentTask(task: Task, view: View) {
  return {
    id: task.id,
    arguments: task.arguments.map((argument) => ({ name: argument.name, value: argument.value })),
    category: visibleFlags(task.category, view),
    continueOnError: task.continueOnError,
    description: task.description,
    displayName: task.displayName,
    executionSequence: task.executionSequence,
    isEnabled: task.isEnabled,
    taskDefinitionId: task.taskDefinitionId
  }
}

export type PresentedTask = ReturnType<typeof presentTask>

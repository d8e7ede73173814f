import type { UserProcessingResult } from '../../model/user-processing-result.js'
import type { LifecycleStore } from '../../store/lifecycle-store.js'
import type { View } from '../http/api-version.js'
import { presentTaskResult } from '../task-results/present-task-result.js'
import type { TreeScope } from '../tree/tree-paths.js'
import type { TreeReader } from '../tree/tree-reader.js'
import { type PresentedResult, presentResult } from './present.js'
import { presentUser } from './present-user.js'

/**
 * Results as Graph writes them, with what `$expand` asks for: the subject's properties, and the task results
 * (each with its subject and task inline).
 */
export async function resultEntities(
  context: { store: LifecycleStore; tree: TreeReader; tenant: string; scope: TreeScope },
  results: readonly UserProcessingResult[],
  view: View,
  expand: readonly string[]
): Promise<PresentedResult[]> {
  const withTasks = expand.includes('taskProcessingResults')
  const { tasks } = withTasks ? await context.tree.workflow(context.tenant, context.scope) : { tasks: [] }
  const details = withTasks
    ? await context.store.detailsOf(
        context.tenant,
        results.map((result) => result.id)
      )
    : []
  return results.map((result, index) => ({
    ...presentResult(result, view),
    ...(expand.includes('subject') && result.subject !== undefined
      ? { subject: presentUser(result.subject) }
      : {}),
    ...(withTasks
      ? {
          taskProcessingResults: (details[index]?.taskProcessingResults ?? []).map((taskResult) =>
            presentTaskResult(
              { taskResult, task: tasks.find((task) => task.id === taskResult.taskId), result },
              view,
              []
            )
          )
        }
      : {})
  }))
}

/** One result as Graph writes it, with what `$expand` asks for. */
export async function resultEntity(
  context: Parameters<typeof resultEntities>[0],
  result: UserProcessingResult,
  view: View,
  expand: readonly string[]
): Promise<PresentedResult> {
  const [entity] = await resultEntities(context, [result], view, expand)
  return entity ?? presentResult(result, view)
}

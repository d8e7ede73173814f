import type { StoredRun } from '../../model/run.js'
import type { Task } from '../../model/task.js'
import { type TaskProcessingResult, TaskProcessingResultSchema } from '../../model/task-processing-result.js'
import { UserSchema } from '../../model/user.js'
import { type UserProcessingResult, UserProcessingResultSchema } from '../../model/user-processing-result.js'
import type { Workflow } from '../../model/workflow.js'
import type { Resumed, ResumeRefusal } from '../derive/resume.js'
import { type State, workflowsOf } from '../frozen-world.js'
import { NO_DETAIL, type ResultDetail, type StoredWorkflow, type World } from '../world.js'

// A world as the store scripts take it (see store-lua.ts), and a tenant's state as READ_TENANT answers it.

/** What a workflow's hash field holds; its tasks and the results it lists are kept apart, for the scripts. */
interface WorkflowFields {
  workflow: Workflow
  runs: readonly StoredRun[]
}

export function resultsArgs(records: readonly UserProcessingResult[]): string[] {
  return [String(records.length), ...records.flatMap((record) => [record.id, JSON.stringify(record)])]
}

/**
 * A world as arguments; `withDefault` puts the default workflow first when the world does not declare it, as the
 * memory store does for a world it is given whole (not for one it upserts).
 */
export function worldArgs(world: World, withDefault: boolean): string[] {
  const workflows = withDefault ? workflowsOf(world) : world.workflows
  return [
    String(workflows.length),
    ...workflows.flatMap(({ workflow, tasks, runs, resultIds }) => [
      workflow.id,
      JSON.stringify({ workflow, runs } satisfies WorkflowFields),
      JSON.stringify(tasks),
      String(resultIds.length),
      ...resultIds
    ]),
    ...resultsArgs(world.results),
    String(world.details.size),
    ...[...world.details].flatMap(([id, detail]) => [
      id,
      JSON.stringify(detail.taskProcessingResults),
      JSON.stringify(detail.reprocessedRunIds)
    ])
  ]
}

const RECORD_KEYS = Object.keys(UserProcessingResultSchema.properties)
const USER_KEYS = Object.keys(UserSchema.properties)
const TASK_RESULT_KEYS = Object.keys(TaskProcessingResultSchema.properties)

/** An object with its known keys in the schema's order: Redis's Lua JSON encoder keeps no order. */
function ordered<T>(value: T, keys: readonly string[]): T {
  const source = value as Record<string, unknown>
  const copy: Record<string, unknown> = {}
  for (const key of keys) if (key in source) copy[key] = source[key]
  return copy as T
}

export function recordOf(json: string): UserProcessingResult {
  const record = ordered(JSON.parse(json) as UserProcessingResult, RECORD_KEYS)
  if (record.subject !== undefined) record.subject = ordered(record.subject, USER_KEYS)
  return record
}

export function taskResultsOf(json: string): TaskProcessingResult[] {
  // A list the Lua encoder wrote empty reads as {}: it is still a list.
  const parsed = JSON.parse(json) as TaskProcessingResult[] | Record<string, never>
  return Array.isArray(parsed) ? parsed.map((item) => ordered(item, TASK_RESULT_KEYS)) : []
}

export function taskResultOf(json: string): TaskProcessingResult {
  return ordered(JSON.parse(json) as TaskProcessingResult, TASK_RESULT_KEYS)
}

export function detailOf(taskResults: string, reprocessed: string): ResultDetail {
  return { taskProcessingResults: taskResultsOf(taskResults), reprocessedRunIds: JSON.parse(reprocessed) }
}

/** Reads READ_TENANT's answer (after 'copy') into a state, as the memory store keeps one. */
export function stateOf(reply: readonly unknown[]): State {
  let at = 1
  const next = () => reply[at++] as string
  const count = () => Number(next())
  const workflows: [string, WorkflowFields, Task[]][] = []
  for (let index = count(); index > 0; index--) {
    workflows.push([next(), JSON.parse(next()), JSON.parse(next())])
  }
  const owners = new Map<string, string>()
  for (let index = count(); index > 0; index--) owners.set(next(), next())
  const results = new Map<string, UserProcessingResult>()
  for (let index = count(); index > 0; index--) results.set(next(), recordOf(next()))
  const details = new Map<string, ResultDetail>()
  for (let index = count(); index > 0; index--) details.set(next(), detailOf(next(), next()))
  const listed = new Map<string, string[]>()
  for (const [resultId, workflowId] of owners) {
    const ids = listed.get(workflowId)
    if (ids === undefined) listed.set(workflowId, [resultId])
    else ids.push(resultId)
  }
  const stored = workflows.map(([id, { workflow, runs }, tasks]): [string, StoredWorkflow] => [
    id,
    { workflow, tasks, runs, resultIds: listed.get(id) ?? [] }
  ])
  return { workflows: new Map(stored), results, details, owners }
}

/** READ_DETAILS's answer (after 'copy'): each result's task results and reprocessed runs, none when missing. */
export function detailsOf(reply: readonly unknown[], count: number): ResultDetail[] {
  return Array.from({ length: count }, (_, index) => {
    const [taskResults, reprocessed] = [reply[1 + 2 * index], reply[2 + 2 * index]]
    return typeof taskResults === 'string' && typeof reprocessed === 'string'
      ? detailOf(taskResults, reprocessed)
      : NO_DETAIL
  })
}

/** RESUME_TASK's answer, as the memory store gives it. */
export function resumeAnswer(reply: readonly unknown[]): Resumed | ResumeRefusal {
  const [outcome, first = '', second = '[]', third = '[]'] = reply as string[]
  if (outcome === 'done') return { result: recordOf(first), detail: detailOf(second, third) }
  if (outcome === 'not-found') return { refused: 'not-found', id: first }
  const taskResult = taskResultOf(first)
  if (outcome === 'not-waiting') return { refused: 'not-waiting', taskResult }
  const tasks = JSON.parse(second) as Task[]
  return { refused: 'not-custom-task', taskResult, task: tasks.find((task) => task.id === taskResult.taskId) }
}

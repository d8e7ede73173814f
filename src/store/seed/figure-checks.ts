import type { Run, RunFixture } from '../../model/run.js'
import type { UserProcessingResult } from '../../model/user-processing-result.js'
import type { TaskFigures } from '../derive/task-figures.js'
import { FINISHED } from '../derive/task-figures.js'

/** The first figure a fixture states that disagrees with what its parts give, as one sentence. */
function firstDisagreement(stated: object, derived: object, parts: string): string | undefined {
  for (const [name, value] of Object.entries(derived)) {
    const given = (stated as Record<string, unknown>)[name]
    if (given !== undefined && given !== value) {
      return `'${name}' is ${JSON.stringify(given)} but its ${parts} give ${JSON.stringify(value)}`
    }
  }
  return undefined
}

/** A result's counts against its task results. */
export function resultDisagreement(result: UserProcessingResult, figures: TaskFigures): string | undefined {
  return firstDisagreement(result, figures, 'taskProcessingResults')
}

const RUN_FIGURES = [
  'failedTasksCount',
  'failedUsersCount',
  'processingStatus',
  'successfulUsersCount',
  'totalTasksCount',
  'totalUnprocessedTasksCount',
  'totalUsersCount'
] as const

/** A run's stated figures against the run derived from its results. */
export function runDisagreement(run: RunFixture, derived: Run): string | undefined {
  const figures = Object.fromEntries(RUN_FIGURES.map((name) => [name, derived[name]]))
  const problem = firstDisagreement(run, figures, 'userProcessingResults')
  if (problem !== undefined) return problem
  if (run.completedDateTime != null && !FINISHED.has(derived.processingStatus)) {
    return `'completedDateTime' is set but its userProcessingResults are still ${derived.processingStatus}`
  }
  return undefined
}

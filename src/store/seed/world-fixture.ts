import type { WorkflowsFixture } from '../../model/workflow-fixture.js'
import { DEFAULT_WORKFLOW_ID, type World } from '../world.js'
import { WorldReader } from './workflow-fixtures.js'

/** A world in the fixture form, so that what a tenant holds can be read, saved and seeded again. */
export function fixtureOf(world: World): WorkflowsFixture {
  const owners = new Map<string, string>()
  for (const { workflow, resultIds } of world.workflows)
    for (const id of resultIds) owners.set(id, workflow.id)
  const present = new Set(world.results.map((result) => result.id))
  return {
    workflows: world.workflows.map(({ workflow, tasks, runs }) => ({
      ...workflow,
      tasks: [...tasks],
      // A run keeps naming a result that records seeding removed; it reads as nothing, so it is not written.
      runs: runs.map((run) => ({
        ...run,
        userProcessingResultIds: run.userProcessingResultIds.filter((id) => present.has(id))
      })),
      userProcessingResults: world.results
        .filter((result) => (owners.get(result.id) ?? DEFAULT_WORKFLOW_ID) === workflow.id)
        .map((result) => {
          // A result seeded as a plain record has no task results to state: written with an empty list, the
          // loader would hold its counts against none, and the world could not be seeded back.
          const detail = world.details.get(result.id)
          return detail === undefined
            ? { ...result }
            : {
                ...result,
                taskProcessingResults: [...detail.taskProcessingResults],
                reprocessedRunIds: [...detail.reprocessedRunIds]
              }
        })
    }))
  }
}

/**
 * Reads one content in the workflows form (e.g. a control call's body) with the fixture loader's checks; with
 * `checkCounts: false`, as a snapshot holds it: a result's counts need not agree with its task results.
 */
export function readWorld(content: unknown, label: string, options: { checkCounts?: boolean } = {}): World {
  const reader = new WorldReader(options)
  reader.readWorkflows(content, label)
  return reader.world()
}

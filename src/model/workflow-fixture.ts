import { type Static, Type } from '@sinclair/typebox'
import { RunFixtureSchema } from './run.js'
import { TaskFixtureSchema } from './task.js'
import { TaskProcessingResultFixtureSchema } from './task-processing-result.js'
import { UserProcessingResultSchema } from './user-processing-result.js'
import { WorkflowPropertiesFixtureSchema } from './workflow.js'

const Id = Type.String({ minLength: 1 })

export { RunFixtureSchema }

/**
 * A result in a fixture: the entity, its task results (each naming a task of its workflow) and the runs of
 * its workflow that reprocessed it. Results listed without `taskProcessingResults` have none and their counts
 * are taken as given; with them, the counts must agree.
 */
export const ResultFixtureSchema = Type.Object(
  {
    ...UserProcessingResultSchema.properties,
    taskProcessingResults: Type.Optional(Type.Array(TaskProcessingResultFixtureSchema)),
    reprocessedRunIds: Type.Optional(Type.Array(Id))
  },
  { additionalProperties: false }
)
export type ResultFixture = Static<typeof ResultFixtureSchema>

export const WorkflowFixtureSchema = Type.Object(
  {
    id: Id,
    ...WorkflowPropertiesFixtureSchema.properties,
    tasks: Type.Optional(Type.Array(TaskFixtureSchema)),
    runs: Type.Optional(Type.Array(RunFixtureSchema)),
    userProcessingResults: Type.Optional(Type.Array(ResultFixtureSchema))
  },
  { additionalProperties: false }
)
export type WorkflowFixture = Static<typeof WorkflowFixtureSchema>

/**
 * The fixture form that places results in workflows and runs, with the workflows' tasks and the results'
 * task results (the other form is a plain array of results). Every key but `id` may be left out, so the
 * first form of this file (`{ id, runs: [{ id, userProcessingResultIds }], userProcessingResults }`) loads as is.
 */
export const WorkflowsFixtureSchema = Type.Object(
  { workflows: Type.Array(WorkflowFixtureSchema) },
  { additionalProperties: false }
)
export type WorkflowsFixture = Static<typeof WorkflowsFixtureSchema>

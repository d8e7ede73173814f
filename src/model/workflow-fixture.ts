import { type Static, Type } from '@sinclair/typebox'
import { UserProcessingResultSchema } from './user-processing-result.js'

const Id = Type.String({ minLength: 1 })

export const RunFixtureSchema = Type.Object(
  { id: Id, userProcessingResultIds: Type.Array(Id) },
  { additionalProperties: false }
)

export const WorkflowFixtureSchema = Type.Object(
  {
    id: Id,
    runs: Type.Optional(Type.Array(RunFixtureSchema)),
    userProcessingResults: Type.Optional(Type.Array(UserProcessingResultSchema))
  },
  { additionalProperties: false }
)

/** The fixture form that places results in workflows and runs (the other form is a plain array of results). */
export const WorkflowsFixtureSchema = Type.Object(
  { workflows: Type.Array(WorkflowFixtureSchema) },
  { additionalProperties: false }
)
export type WorkflowsFixture = Static<typeof WorkflowsFixtureSchema>

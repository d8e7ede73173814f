import { type Static, Type } from '@sinclair/typebox'
import { DateTimeOffset, NullableDateTimeOffset } from './edm.js'
import { LifecycleWorkflowProcessingStatus } from './enums.js'

const NullableString = Type.Union([Type.String(), Type.Null()], { edmType: 'Edm.String' })

/**
 * `microsoft.graph.identityGovernance.taskProcessingResult` as the store keeps it: `taskId` names the task of
 * the workflow it ran (served inline as `task`), and its subject is the one of the result it belongs to.
 */
export const TaskProcessingResultSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    taskId: Type.String({ minLength: 1 }),
    completedDateTime: NullableDateTimeOffset,
    createdDateTime: DateTimeOffset,
    failureReason: NullableString,
    processingStatus: LifecycleWorkflowProcessingStatus,
    startedDateTime: NullableDateTimeOffset
  },
  { additionalProperties: false }
)
export type TaskProcessingResult = Static<typeof TaskProcessingResultSchema>

/** A task result in a fixture: the nullable date-times and `failureReason` may be left out (null). */
export const TaskProcessingResultFixtureSchema = Type.Object(
  {
    ...TaskProcessingResultSchema.properties,
    completedDateTime: Type.Optional(NullableDateTimeOffset),
    failureReason: Type.Optional(NullableString),
    startedDateTime: Type.Optional(NullableDateTimeOffset)
  },
  { additionalProperties: false }
)
export type TaskProcessingResultFixture = Static<typeof TaskProcessingResultFixtureSchema>

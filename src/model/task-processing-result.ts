import { type Static, Type } from '@sinclair/typebox'
import { DateTimeOffset, NullableDateTimeOffset } from './edm.js'
import {
  anyCase,
  LifecycleWorkflowProcessingStatus,
  OPERATION_STATUS_MEMBERS,
  UNKNOWN_FUTURE_VALUE
} from './enums.js'
import { TaskSchema } from './task.js'
import { UserSchema } from './user.js'

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

/**
 * A task result as Graph's read paths write it: without `taskId`, with the subject of its result (`{ "id" }`, or
 * the user under `$expand=subject`) and its whole task inline.
 */
export const TaskProcessingResultEntitySchema = Type.Object(
  {
    ...Type.Omit(TaskProcessingResultSchema, ['taskId']).properties,
    subject: Type.Optional(UserSchema),
    task: Type.Optional(TaskSchema)
  },
  { title: 'microsoft.graph.identityGovernance.taskProcessingResult' }
)

export const CALLBACK_DATA_TYPE = 'microsoft.graph.identityGovernance.customTaskExtensionCallbackData'

/**
 * The body of `resume`: what a custom task extension reports. The outcome is matched without case, as the service
 * evidently does (Microsoft's own Logic App template sends `Completed`); `unknownFutureValue` is no outcome.
 * The handler reads the body itself, with Graph's messages, and takes its parameter names from here.
 */
export const ResumeBodySchema = Type.Object(
  {
    source: Type.Optional(NullableString),
    type: Type.Optional(NullableString),
    data: Type.Object(
      {
        '@odata.type': Type.Optional(
          Type.Union([Type.Literal(`#${CALLBACK_DATA_TYPE}`), Type.Literal(CALLBACK_DATA_TYPE)])
        ),
        operationStatus: Type.String({
          pattern: `^(${OPERATION_STATUS_MEMBERS.filter((member) => member !== UNKNOWN_FUTURE_VALUE)
            .map(anyCase)
            .join('|')})$`
        })
      },
      { additionalProperties: false }
    )
  },
  { additionalProperties: false }
)

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

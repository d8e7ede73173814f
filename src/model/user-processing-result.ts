import { type Static, Type } from '@sinclair/typebox'
import { DateTimeOffset, Int32, NullableDateTimeOffset } from './edm.js'
import { LifecycleWorkflowProcessingStatus, WorkflowExecutionType } from './enums.js'
import { TaskProcessingResultEntitySchema } from './task-processing-result.js'
import { UserReferenceSchema, UserSchema } from './user.js'

export const ENTITY_TYPE = 'microsoft.graph.identityGovernance.userProcessingResult'
export const ODATA_TYPE = `#${ENTITY_TYPE}`

/** Nullable properties: optional in a strict PATCH, `null` clears them. */
const NullableProperties = {
  completedDateTime: NullableDateTimeOffset,
  startedDateTime: NullableDateTimeOffset
}

/** The seed page marks these "Required" for a PATCH; none of them accepts `null`. */
const RequiredProperties = {
  failedTasksCount: Int32,
  processingStatus: LifecycleWorkflowProcessingStatus,
  scheduledDateTime: DateTimeOffset,
  totalTasksCount: Int32,
  totalUnprocessedTasksCount: Int32,
  workflowExecutionType: WorkflowExecutionType,
  workflowVersion: Int32
}

/** A stored record, as in fixtures and in the control API. */
export const UserProcessingResultSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, edmType: 'Edm.String' }),
    ...NullableProperties,
    ...RequiredProperties,
    subject: Type.Optional(UserSchema)
  },
  { additionalProperties: false }
)
export type UserProcessingResult = Static<typeof UserProcessingResultSchema>

/**
 * An entity as GET and PATCH answer it: `@odata.type`, then the properties in the order Graph writes them
 * (`id`, the others alphabetically, `subject` as its id alone), which fast-json-stringify keeps.
 */
export const UserProcessingResultResponseSchema = Type.Object({
  '@odata.type': Type.Literal(ODATA_TYPE),
  ...Type.Pick(UserProcessingResultSchema, [
    'id',
    'completedDateTime',
    'failedTasksCount',
    'processingStatus',
    'scheduledDateTime',
    'startedDateTime',
    'totalTasksCount',
    'totalUnprocessedTasksCount',
    'workflowExecutionType',
    'workflowVersion'
  ]).properties,
  subject: Type.Optional(UserReferenceSchema)
})

/**
 * A result as Graph's read paths write it (no `@odata.type`): the subject as `{ "id" }`, or the user under
 * `$expand=subject`, and its task results under `$expand=taskProcessingResults`.
 */
export const UserProcessingResultEntitySchema = Type.Object(
  {
    ...Type.Omit(UserProcessingResultSchema, ['subject']).properties,
    subject: Type.Optional(UserSchema),
    taskProcessingResults: Type.Optional(Type.Array(TaskProcessingResultEntitySchema))
  },
  { title: ENTITY_TYPE }
)

/** `microsoft.graph.identityGovernance.userSummary`, the answer of `userProcessingResults/summary(...)`. */
export const UserSummarySchema = Type.Object(
  {
    failedTasks: Int32,
    failedUsers: Int32,
    successfulUsers: Int32,
    totalTasks: Int32,
    totalUsers: Int32
  },
  { title: 'microsoft.graph.identityGovernance.userSummary' }
)
export type UserSummary = Static<typeof UserSummarySchema>

const ODataType = Type.Optional(Type.Literal(ODATA_TYPE))
// SDKs send back the context URL of an entity they read; Graph ignores it.
const ODataContext = Type.Optional(Type.String())
const BodyId = Type.Optional(Type.String({ edmType: 'Edm.String' }))

/** `PATCH_MODE=strict`: the seed page's required properties must all be sent. */
export const StrictPatchBodySchema = Type.Object(
  {
    '@odata.type': ODataType,
    '@odata.context': ODataContext,
    id: BodyId,
    ...Type.Partial(Type.Object(NullableProperties)).properties,
    ...RequiredProperties
  },
  { additionalProperties: false }
)

/** `PATCH_MODE=partial`: any subset of the properties. */
export const PartialPatchBodySchema = Type.Object(
  {
    '@odata.type': ODataType,
    '@odata.context': ODataContext,
    id: BodyId,
    ...Type.Partial(Type.Object({ ...NullableProperties, ...RequiredProperties })).properties
  },
  { additionalProperties: false }
)

/** What a PATCH may change in a stored record. */
export type UserProcessingResultChanges = Partial<Omit<UserProcessingResult, 'id' | 'subject'>>

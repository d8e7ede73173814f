import { type Static, Type } from '@sinclair/typebox'
import { Int32, NullableDateTimeOffset } from './edm.js'
import { LifecycleWorkflowCategory } from './enums.js'
import { ExecutionConditionsSchema } from './execution-conditions.js'
import { TaskSchema } from './task.js'
import { UserReferenceSchema } from './user.js'

const NullableString = Type.Union([Type.String(), Type.Null()], { edmType: 'Edm.String' })

/**
 * `microsoft.graph.identityGovernance.workflow` as the store keeps it: the properties of Graph's model
 * (workflowBase's, then workflow's) without the navigations to collections, which have paths of their own.
 * `createdBy` and `lastModifiedBy` are navigations Graph writes inline as `{ "id" }`.
 */
export const WorkflowSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    category: LifecycleWorkflowCategory,
    createdBy: Type.Optional(UserReferenceSchema),
    createdDateTime: NullableDateTimeOffset,
    deletedDateTime: NullableDateTimeOffset,
    description: NullableString,
    displayName: Type.String(),
    executionConditions: Type.Union([ExecutionConditionsSchema, Type.Null()]),
    isEnabled: Type.Boolean(),
    isSchedulingEnabled: Type.Boolean(),
    lastModifiedBy: Type.Optional(UserReferenceSchema),
    lastModifiedDateTime: NullableDateTimeOffset,
    nextScheduleRunDateTime: NullableDateTimeOffset,
    version: Int32
  },
  { additionalProperties: false }
)
export type Workflow = Static<typeof WorkflowSchema>

/**
 * A workflow as Graph's read paths write it: its properties, and the navigations Graph writes inline when asked
 * (`tasks` with their own context URL, as in Graph's "Get workflow" example).
 */
export const WorkflowEntitySchema = Type.Object(
  {
    ...WorkflowSchema.properties,
    'tasks@odata.context': Type.Optional(Type.String()),
    tasks: Type.Optional(Type.Array(TaskSchema))
  },
  { title: 'microsoft.graph.identityGovernance.workflow' }
)

/** The workflow's own properties in a fixture: all but `id` may be left out (the loader fills in defaults). */
export const WorkflowPropertiesFixtureSchema = Type.Partial(Type.Omit(WorkflowSchema, ['id']))

import { type Static, Type } from '@sinclair/typebox'
import { DateTimeOffset, Int32, NullableDateTimeOffset } from './edm.js'
import { LifecycleWorkflowProcessingStatus, WorkflowExecutionType } from './enums.js'

/** The figures of a run that follow from its results; the mock derives them when it reads a run. */
export const RunFiguresSchema = Type.Object({
  failedTasksCount: Int32,
  failedUsersCount: Int32,
  processingStatus: LifecycleWorkflowProcessingStatus,
  successfulUsersCount: Int32,
  totalTasksCount: Int32,
  totalUnprocessedTasksCount: Int32,
  totalUsersCount: Int32
})
export type RunFigures = Static<typeof RunFiguresSchema>

/** `microsoft.graph.identityGovernance.run` as Graph writes it: `id`, then the properties alphabetically. */
export const RunSchema = Type.Object(
  {
    id: Type.String(),
    completedDateTime: NullableDateTimeOffset,
    failedTasksCount: Int32,
    failedUsersCount: Int32,
    lastUpdatedDateTime: NullableDateTimeOffset,
    processingStatus: LifecycleWorkflowProcessingStatus,
    scheduledDateTime: DateTimeOffset,
    startedDateTime: NullableDateTimeOffset,
    successfulUsersCount: Int32,
    totalTasksCount: Int32,
    totalUnprocessedTasksCount: Int32,
    totalUsersCount: Int32,
    workflowExecutionType: WorkflowExecutionType
  },
  { title: 'microsoft.graph.identityGovernance.run' }
)
export type Run = Static<typeof RunSchema>

const Id = Type.String({ minLength: 1 })

/**
 * What a run keeps of its own: its results and the dates and type a fixture gives it. Left out, a date or the
 * execution type is taken from the results when the run is read (`scheduledDateTime` when it is loaded).
 */
export const StoredRunSchema = Type.Object(
  {
    id: Id,
    userProcessingResultIds: Type.Array(Id),
    scheduledDateTime: DateTimeOffset,
    startedDateTime: Type.Optional(NullableDateTimeOffset),
    completedDateTime: Type.Optional(NullableDateTimeOffset),
    lastUpdatedDateTime: Type.Optional(NullableDateTimeOffset),
    workflowExecutionType: Type.Optional(WorkflowExecutionType)
  },
  { additionalProperties: false }
)
export type StoredRun = Static<typeof StoredRunSchema>

/** A run in a fixture: its own part, and figures that, when given, must agree with its results. */
export const RunFixtureSchema = Type.Object(
  {
    ...StoredRunSchema.properties,
    scheduledDateTime: Type.Optional(DateTimeOffset),
    ...Type.Partial(RunFiguresSchema).properties
  },
  { additionalProperties: false }
)
export type RunFixture = Static<typeof RunFixtureSchema>

/** `microsoft.graph.identityGovernance.runSummary`, the answer of `runs/summary(...)`. */
export const RunSummarySchema = Type.Object(
  {
    failedRuns: Int32,
    failedTasks: Int32,
    successfulRuns: Int32,
    totalRuns: Int32,
    totalTasks: Int32,
    totalUsers: Int32
  },
  { title: 'microsoft.graph.identityGovernance.runSummary' }
)
export type RunSummary = Static<typeof RunSummarySchema>

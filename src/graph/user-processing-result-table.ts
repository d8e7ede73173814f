import type { ComparisonOperator } from './odata/filter-ast.js'
import type { PropertyTable, QueryableProperty, ValueType } from './odata/property-table.js'

// TODO(core): replace with the core's schema-derived type and enum member lists.
export const PROCESSING_STATUSES = [
  'queued',
  'inProgress',
  'completed',
  'completedWithErrors',
  'canceled',
  'failed',
  'unknownFutureValue',
  'canceling',
  'quarantined'
] as const
export const WORKFLOW_EXECUTION_TYPES = [
  'scheduled',
  'onDemand',
  'unknownFutureValue',
  'activatedWithScope',
  'preview',
  'extensibilityOnDemand'
] as const

export interface UserProcessingResult {
  id: string
  completedDateTime: string | null
  failedTasksCount: number
  processingStatus: string
  scheduledDateTime: string
  startedDateTime: string | null
  totalTasksCount: number
  totalUnprocessedTasksCount: number
  workflowExecutionType: string
  workflowVersion: number
  subject?: { id: string }
}

const NAMESPACE = 'microsoft.graph.identityGovernance'
const EQUALITY: readonly ComparisonOperator[] = ['eq', 'ne']
const ALL: readonly ComparisonOperator[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge']

const property = (
  type: ValueType,
  operators: readonly ComparisonOperator[],
  orderable: boolean,
  read: (result: UserProcessingResult) => string | null | undefined
): QueryableProperty<UserProcessingResult> => ({ type, operators, orderable, read })

const dateTime = (read: (result: UserProcessingResult) => string | null) =>
  property({ kind: 'dateTimeOffset' }, ALL, true, read)

/** What $filter, $orderby and $select may use on userProcessingResults, per the Graph beta docs. */
export const userProcessingResultTable: PropertyTable<UserProcessingResult> = {
  typeName: `${NAMESPACE}.userProcessingResult`,
  selectable: [
    'id',
    'completedDateTime',
    'failedTasksCount',
    'processingStatus',
    'scheduledDateTime',
    'startedDateTime',
    'totalTasksCount',
    'totalUnprocessedTasksCount',
    'workflowExecutionType',
    'workflowVersion',
    'subject'
  ],
  expandable: ['subject'],
  queryable: {
    id: property({ kind: 'string' }, EQUALITY, true, (result) => result.id),
    processingStatus: property(
      {
        kind: 'enum',
        typeName: `${NAMESPACE}.lifecycleWorkflowProcessingStatus`,
        members: PROCESSING_STATUSES
      },
      EQUALITY,
      true,
      (result) => result.processingStatus
    ),
    workflowExecutionType: property(
      { kind: 'enum', typeName: `${NAMESPACE}.workflowExecutionType`, members: WORKFLOW_EXECUTION_TYPES },
      EQUALITY,
      true,
      (result) => result.workflowExecutionType
    ),
    'subject/id': property({ kind: 'string' }, EQUALITY, false, (result) => result.subject?.id),
    completedDateTime: dateTime((result) => result.completedDateTime),
    scheduledDateTime: dateTime((result) => result.scheduledDateTime),
    startedDateTime: dateTime((result) => result.startedDateTime)
  }
}

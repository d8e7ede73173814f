import { WorkflowCategoryType } from '../../model/enums.js'
import { WorkflowSchema } from '../../model/workflow.js'
import type { View } from '../http/api-version.js'
import type { ComparisonOperator } from '../odata/filter-ast.js'
import type { PropertyTable, QueryValue } from '../odata/property-table.js'
import {
  ALL,
  BOOLEAN,
  DATE_TIME,
  dateTimeProperties,
  EQUALITY,
  enumValue,
  INT32,
  queryable,
  STRING,
  tablesPerView
} from '../odata/table-builders.js'
import { type PresentedWorkflow, WORKFLOW_NAVIGATIONS } from './present-workflow.js'

export const WORKFLOW_TYPE = 'microsoft.graph.identityGovernance.workflow'

const BEFORE_AFTER: readonly ComparisonOperator[] = ['lt', 'gt']

/** What workflows may be queried by, per Graph's workflow and workflowBase resource pages. */
export const workflowQueryTable = tablesPerView((view: View): PropertyTable<PresentedWorkflow> => {
  const dateTime = (
    operators: readonly ComparisonOperator[],
    read: (workflow: PresentedWorkflow) => QueryValue
  ) => queryable(DATE_TIME, operators, true, read)
  return {
    typeName: WORKFLOW_TYPE,
    selectable: [...Object.keys(WorkflowSchema.properties), 'tasks'],
    expandable: [...WORKFLOW_NAVIGATIONS],
    queryable: {
      id: queryable(STRING, EQUALITY, true, (workflow) => workflow.id),
      category: queryable(
        enumValue(WorkflowCategoryType, view),
        EQUALITY,
        false,
        (workflow) => workflow.category
      ),
      displayName: queryable(STRING, EQUALITY, true, (workflow) => workflow.displayName),
      isEnabled: queryable(BOOLEAN, EQUALITY, false, (workflow) => workflow.isEnabled),
      isSchedulingEnabled: queryable(BOOLEAN, EQUALITY, false, (workflow) => workflow.isSchedulingEnabled),
      version: queryable(INT32, ALL, true, (workflow) => workflow.version),
      createdDateTime: dateTime(BEFORE_AFTER, (workflow) => workflow.createdDateTime),
      lastModifiedDateTime: dateTime(BEFORE_AFTER, (workflow) => workflow.lastModifiedDateTime),
      ...dateTimeProperties<PresentedWorkflow>(['deletedDateTime']),
      nextScheduleRunDateTime: dateTime(BEFORE_AFTER, (workflow) => workflow.nextScheduleRunDateTime)
    }
  }
})

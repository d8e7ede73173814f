import { ExecutionTypeType, ProcessingStatusType } from '../../model/enums.js'
import { ENTITY_TYPE, UserProcessingResultSchema } from '../../model/user-processing-result.js'
import type { View } from '../http/api-version.js'
import type { PropertyTable, QueryableProperty } from '../odata/property-table.js'
import {
  dateTimeProperties,
  EQUALITY,
  enumProperty,
  queryable,
  STRING,
  tablesPerView
} from '../odata/table-builders.js'
import type { PresentedResult } from './present.js'

/**
 * What $filter, $orderby, $select and $expand may use on userProcessingResults, per the Graph docs. Queries run
 * over results as the client sees them, evolvable members already hidden or not.
 */
function buildTable(view: View): PropertyTable<PresentedResult> {
  return {
    typeName: ENTITY_TYPE,
    selectable: Object.keys(UserProcessingResultSchema.properties),
    expandable: ['subject', 'taskProcessingResults'],
    queryable: {
      ...processingProperties<PresentedResult>(view),
      'subject/id': queryable(STRING, EQUALITY, false, (result) => result.subject?.id),
      ...dateTimeProperties<PresentedResult>(['completedDateTime', 'scheduledDateTime', 'startedDateTime'])
    }
  }
}

interface Processing {
  id: string
  processingStatus: string
  workflowExecutionType: string
}

/** What results and runs may both be filtered and ordered by: the id, the status and the execution type. */
export function processingProperties<T extends Processing>(view: View): Record<string, QueryableProperty<T>> {
  return {
    id: queryable<T>(STRING, EQUALITY, true, (item) => item.id),
    processingStatus: enumProperty<T>(ProcessingStatusType, view, (item) => item.processingStatus),
    workflowExecutionType: enumProperty<T>(ExecutionTypeType, view, (item) => item.workflowExecutionType)
  }
}

export const resultQueryTable = tablesPerView(buildTable)

import { ExecutionTypeType, ProcessingStatusType } from '../../model/enums.js'
import { ENTITY_TYPE, UserProcessingResultSchema } from '../../model/user-processing-result.js'
import type { View } from '../http/api-version.js'
import type { PropertyTable } from '../odata/property-table.js'
import {
  ALL,
  DATE_TIME,
  EQUALITY,
  enumValue,
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
  const dateTime = (read: (result: PresentedResult) => string | null) => queryable(DATE_TIME, ALL, true, read)
  return {
    typeName: ENTITY_TYPE,
    selectable: Object.keys(UserProcessingResultSchema.properties),
    expandable: ['subject', 'taskProcessingResults'],
    queryable: {
      id: queryable(STRING, EQUALITY, true, (result) => result.id),
      processingStatus: queryable(
        enumValue(ProcessingStatusType, view),
        EQUALITY,
        true,
        (result) => result.processingStatus
      ),
      workflowExecutionType: queryable(
        enumValue(ExecutionTypeType, view),
        EQUALITY,
        true,
        (result) => result.workflowExecutionType
      ),
      'subject/id': queryable(STRING, EQUALITY, false, (result) => result.subject?.id),
      completedDateTime: dateTime((result) => result.completedDateTime),
      scheduledDateTime: dateTime((result) => result.scheduledDateTime),
      startedDateTime: dateTime((result) => result.startedDateTime)
    }
  }
}

export const resultQueryTable = tablesPerView(buildTable)

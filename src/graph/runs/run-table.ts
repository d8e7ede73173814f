import { ExecutionTypeType, ProcessingStatusType } from '../../model/enums.js'
import { type Run, RunSchema } from '../../model/run.js'
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

export const RUN_TYPE = 'microsoft.graph.identityGovernance.run'

/** What runs may be queried by, per Graph's run resource page: the date-times, the two enums and the id. */
export const runQueryTable = tablesPerView(
  (view: View): PropertyTable<Run> => ({
    typeName: RUN_TYPE,
    selectable: Object.keys(RunSchema.properties),
    expandable: [],
    queryable: {
      id: queryable(STRING, EQUALITY, true, (run) => run.id),
      processingStatus: queryable(
        enumValue(ProcessingStatusType, view),
        EQUALITY,
        true,
        (run) => run.processingStatus
      ),
      workflowExecutionType: queryable(
        enumValue(ExecutionTypeType, view),
        EQUALITY,
        true,
        (run) => run.workflowExecutionType
      ),
      completedDateTime: queryable(DATE_TIME, ALL, true, (run) => run.completedDateTime),
      lastUpdatedDateTime: queryable(DATE_TIME, ALL, true, (run) => run.lastUpdatedDateTime),
      scheduledDateTime: queryable(DATE_TIME, ALL, true, (run) => run.scheduledDateTime),
      startedDateTime: queryable(DATE_TIME, ALL, true, (run) => run.startedDateTime)
    }
  })
)

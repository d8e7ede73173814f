import { type Run, RunSchema } from '../../model/run.js'
import type { View } from '../http/api-version.js'
import type { PropertyTable } from '../odata/property-table.js'
import { dateTimeProperties, tablesPerView } from '../odata/table-builders.js'
import { processingProperties } from '../results/query-table.js'

export const RUN_TYPE = 'microsoft.graph.identityGovernance.run'

/** What runs may be queried by, per Graph's run resource page: the date-times, the two enums and the id. */
export const runQueryTable = tablesPerView(
  (view: View): PropertyTable<Run> => ({
    typeName: RUN_TYPE,
    selectable: Object.keys(RunSchema.properties),
    expandable: [],
    queryable: {
      ...processingProperties<Run>(view),
      ...dateTimeProperties<Run>([
        'completedDateTime',
        'lastUpdatedDateTime',
        'scheduledDateTime',
        'startedDateTime'
      ])
    }
  })
)

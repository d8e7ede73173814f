import { TaskProcessingResultSchema } from '../../model/task-processing-result.js'
import type { PropertyTable } from '../odata/property-table.js'
import { dateTimeProperties, EQUALITY, queryable, STRING, tablesPerView } from '../odata/table-builders.js'
import type { PresentedTaskResult } from './present-task-result.js'

export const TASK_RESULT_TYPE = 'microsoft.graph.identityGovernance.taskProcessingResult'

const { taskId: _link, ...properties } = TaskProcessingResultSchema.properties

/** What task results may be queried by, per Graph's taskProcessingResult resource page. */
export const taskResultQueryTable = tablesPerView(
  (): PropertyTable<PresentedTaskResult> => ({
    typeName: TASK_RESULT_TYPE,
    selectable: [...Object.keys(properties), 'subject', 'task'],
    expandable: ['subject', 'task'],
    queryable: {
      id: queryable(STRING, EQUALITY, true, (entity) => entity.id),
      'subject/id': queryable(STRING, EQUALITY, false, (entity) => entity.subject?.id),
      ...dateTimeProperties<PresentedTaskResult>(['completedDateTime', 'createdDateTime', 'startedDateTime'])
    }
  })
)

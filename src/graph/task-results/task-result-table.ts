import { TaskProcessingResultSchema } from '../../model/task-processing-result.js'
import type { PropertyTable, QueryValue } from '../odata/property-table.js'
import { ALL, DATE_TIME, EQUALITY, queryable, STRING, tablesPerView } from '../odata/table-builders.js'
import type { PresentedTaskResult } from './present-task-result.js'

export const TASK_RESULT_TYPE = 'microsoft.graph.identityGovernance.taskProcessingResult'

const { taskId: _link, ...properties } = TaskProcessingResultSchema.properties

/** What task results may be queried by, per Graph's taskProcessingResult resource page. */
export const taskResultQueryTable = tablesPerView((): PropertyTable<PresentedTaskResult> => {
  const dateTime = (read: (entity: PresentedTaskResult) => QueryValue) =>
    queryable(DATE_TIME, ALL, true, read)
  return {
    typeName: TASK_RESULT_TYPE,
    selectable: [...Object.keys(properties), 'subject', 'task'],
    expandable: ['subject', 'task'],
    queryable: {
      id: queryable(STRING, EQUALITY, true, (entity) => entity.id),
      'subject/id': queryable(STRING, EQUALITY, false, (entity) => entity.subject?.id),
      completedDateTime: dateTime((entity) => entity.completedDateTime),
      createdDateTime: dateTime((entity) => entity.createdDateTime),
      startedDateTime: dateTime((entity) => entity.startedDateTime)
    }
  }
})

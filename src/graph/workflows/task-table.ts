import { TaskSchema } from '../../model/task.js'
import type { PropertyTable } from '../odata/property-table.js'
import { BOOLEAN, EQUALITY, INT32, NONE, queryable, STRING, tablesPerView } from '../odata/table-builders.js'
import type { PresentedTask } from './present-task.js'

export const TASK_TYPE = 'microsoft.graph.identityGovernance.task'

/** What the tasks of a workflow may be queried by, per Graph's task resource page. */
export const taskQueryTable = tablesPerView(
  (): PropertyTable<PresentedTask> => ({
    typeName: TASK_TYPE,
    selectable: Object.keys(TaskSchema.properties),
    expandable: [],
    queryable: {
      id: queryable(STRING, EQUALITY, true, (task) => task.id),
      displayName: queryable(STRING, EQUALITY, true, (task) => task.displayName),
      isEnabled: queryable(BOOLEAN, EQUALITY, true, (task) => task.isEnabled),
      executionSequence: queryable(INT32, NONE, true, (task) => task.executionSequence),
      taskDefinitionId: queryable(STRING, EQUALITY, false, (task) => task.taskDefinitionId)
    }
  })
)

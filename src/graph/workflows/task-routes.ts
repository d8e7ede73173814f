import type { FastifyInstance } from 'fastify'
import { TaskSchema } from '../../model/task.js'
import { WORKFLOW_READ_PERMISSIONS } from '../auth/permissions.js'
import { collectionRoutes } from '../odata/collection-routes.js'
import { scopeOf, scopePath } from '../tree/tree-paths.js'
import { inEveryWorkflowSet, type TreeRouteOptions } from '../tree/tree-routes.js'
import { presentTask } from './present-task.js'
import { taskQueryTable } from './task-table.js'

/** `…/workflows/{id}/tasks`: a workflow's tasks, list, `/$count` and item, live and deleted workflows alike. */
export async function taskRoutes(app: FastifyInstance, options: TreeRouteOptions) {
  inEveryWorkflowSet(options.store, ({ deleted, workflow }, tree) => {
    collectionRoutes(app, {
      path: `${workflow}/tasks`,
      itemParam: 'taskId',
      permissions: WORKFLOW_READ_PERMISSIONS,
      pageSize: options.pageSize,
      entity: TaskSchema,
      table: taskQueryTable,
      contextPath: (params) => `${scopePath(scopeOf(params, deleted))}/tasks`,
      async list(request, view) {
        const { tasks } = await tree.workflow(request.tenant, scopeOf(request.params, deleted))
        return tasks.map((task) => presentTask(task, view))
      },
      async item(request, view, _expand, taskId) {
        return presentTask(
          await tree.task(request.tenant, { ...scopeOf(request.params, deleted), taskId }),
          view
        )
      }
    })
  })
}

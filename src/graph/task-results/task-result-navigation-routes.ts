import type { TSchema } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { TaskSchema } from '../../model/task.js'
import { UserSchema } from '../../model/user.js'
import { REPORT_READ_PERMISSIONS } from '../auth/permissions.js'
import { GraphError } from '../errors/graph-error.js'
import { viewOf } from '../http/api-version.js'
import { parseEntityQuery } from '../odata/collection-query.js'
import { sendEntity } from '../odata/responses.js'
import { rawQuery } from '../odata/urls.js'
import { sendSubject } from '../results/present-user.js'
import { scopeOf, scopePath } from '../tree/tree-paths.js'
import type { TreeReader } from '../tree/tree-reader.js'
import { presentTask } from '../workflows/present-task.js'
import { taskQueryTable } from '../workflows/task-table.js'

/** `…/taskProcessingResults/{id}/subject` and `…/task`: the two navigations Graph writes inline. */
export function taskResultNavigationRoutes(
  app: FastifyInstance,
  { tree, deleted, path }: { tree: TreeReader; deleted: boolean; path: string }
): void {
  const config = (summary: string, entity: TSchema) => ({
    permissions: REPORT_READ_PERMISSIONS,
    queryTarget: 'entity' as const,
    openapi: { summary, entity }
  })
  const rowOf = async (request: FastifyRequest) => {
    const { taskResultId } = request.params as { taskResultId: string }
    const rows = await tree.taskResults(request.tenant, scopeOf(request.params, deleted))
    const row = rows.find(({ taskResult }) => taskResult.id === taskResultId)
    if (row === undefined) throw GraphError.resourceNotFound(taskResultId)
    return row
  }

  app.get(
    `${path}/subject`,
    { config: config('Get the user a task result processed', UserSchema) },
    async function getTaskResultSubject(request, reply) {
      return sendSubject(request, reply, (await rowOf(request)).result.subject)
    }
  )

  const taskConfig = { config: config('Get the task a task result ran', TaskSchema) }
  app.get(`${path}/task`, taskConfig, async function getTaskResultTask(request, reply) {
    const view = viewOf(request)
    const { select } = parseEntityQuery(rawQuery(request), taskQueryTable(view))
    const { task, taskResult } = await rowOf(request)
    if (task === undefined) throw GraphError.resourceNotFound(taskResult.taskId)
    const workflow = scopePath({ deleted, workflowId: scopeOf(request.params, deleted).workflowId })
    return sendEntity(request, reply, {
      contextPath: `${workflow}/tasks`,
      entity: presentTask(task, view),
      select
    })
  })
}

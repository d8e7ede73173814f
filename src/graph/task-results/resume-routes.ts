import type { FastifyInstance } from 'fastify'
import { ResumeBodySchema } from '../../model/task-processing-result.js'
import type { LifecycleStore } from '../../store/lifecycle-store.js'
import { RESUME_PERMISSIONS } from '../auth/permissions.js'
import { GraphError } from '../errors/graph-error.js'
import { scopeOf } from '../tree/tree-paths.js'
import type { TreeReader } from '../tree/tree-reader.js'
import { readResumeBody } from './resume-body.js'

export interface ResumeRouteOptions {
  store: LifecycleStore
  tree: TreeReader
  deleted: boolean
  /** The task result's route path. */
  path: string
}

/** Graph addresses the action namespace-qualified (the SDKs) or short (the docs); both are served. */
const ACTION_NAMES = ['microsoft.graph.identityGovernance.resume', 'resume']

/**
 * `POST …/taskProcessingResults/{id}/resume`: a custom task extension reports back. The task result takes the
 * outcome and its result moves with it in one store write, or nothing changes; `204` as documented.
 */
export function resumeRoutes(app: FastifyInstance, { store, tree, deleted, path }: ResumeRouteOptions): void {
  for (const name of ACTION_NAMES) {
    app.post(
      `${path}/${name}`,
      {
        config: {
          permissions: RESUME_PERMISSIONS,
          openapi: {
            summary: 'Resume a task result: a custom task extension reports its outcome',
            body: ResumeBodySchema,
            answer: { status: 204 }
          }
        }
      },
      async function resumeTaskResult(request, reply) {
        const operationStatus = readResumeBody(request.body)
        const { taskResultId } = request.params as { taskResultId: string }
        const rows = await tree.taskResults(request.tenant, scopeOf(request.params, deleted))
        const row = rows.find(({ taskResult }) => taskResult.id === taskResultId)
        if (row === undefined) throw GraphError.resourceNotFound(taskResultId)
        const answer = await store.resumeTask(
          request.tenant,
          { workflowId: scopeOf(request.params, deleted).workflowId, resultId: row.result.id, taskResultId },
          { operationStatus, at: new Date().toISOString() }
        )
        if ('refused' in answer) {
          if (answer.refused === 'not-found') throw GraphError.resourceNotFound(answer.id)
          if (answer.refused === 'not-waiting') {
            throw GraphError.notResumable(taskResultId, `it is ${answer.taskResult.processingStatus}`)
          }
          throw GraphError.notResumable(
            taskResultId,
            `its task '${answer.task?.displayName ?? answer.taskResult.taskId}' is not a custom task extension`
          )
        }
        return reply.code(204).send()
      }
    )
  }
}

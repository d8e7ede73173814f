import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ResultStore } from '../../store/result-store.js'
import { GraphError } from '../errors.js'
import { asOData } from '../headers.js'
import { type PatchMode, readPatchBody } from '../patch-body.js'
import { READ_PERMISSIONS, WRITE_PERMISSIONS } from '../permissions.js'
import { wantsUnknownEnumMembers } from '../prefer.js'
import { presentResult } from '../present.js'
import { ODATA_TYPE } from '../schemas/user-processing-result.js'

export interface WorkflowBaseOptions {
  store: ResultStore
  patchMode: PatchMode
}

interface ById {
  Params: { id: string }
}

/** The documented draft path: `/workflowBase/userProcessingResults/{id}` (PATCH from the seed page, and GET). */
export async function workflowBaseRoutes(app: FastifyInstance, { store, patchMode }: WorkflowBaseOptions) {
  const entity = (request: FastifyRequest<ById>, record: Parameters<typeof presentResult>[0]) => ({
    '@odata.type': ODATA_TYPE,
    ...presentResult(record, wantsUnknownEnumMembers(request))
  })

  app.get<ById>(
    '/workflowBase/userProcessingResults/:id',
    { config: { permissions: READ_PERMISSIONS } },
    async (request, reply) => {
      const record = await store.get(request.tenant, request.params.id)
      if (record === undefined) throw GraphError.resourceNotFound(request.params.id)
      return asOData(reply).send(entity(request, record))
    }
  )

  app.patch<ById>(
    '/workflowBase/userProcessingResults/:id',
    { config: { permissions: WRITE_PERMISSIONS } },
    async (request, reply) => {
      const changes = readPatchBody(request.body, {
        mode: patchMode,
        urlId: request.params.id,
        includeUnknownEnumMembers: wantsUnknownEnumMembers(request)
      })
      const record = await store.patch(request.tenant, request.params.id, changes)
      if (record === undefined) throw GraphError.resourceNotFound(request.params.id)
      return asOData(reply).send(entity(request, record))
    }
  )
}

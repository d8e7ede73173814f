import type { FastifyInstance, FastifyRequest } from 'fastify'
import { toSerializerSchema } from '../../model/serializer-schema.js'
import { ODATA_TYPE, UserProcessingResultResponseSchema } from '../../model/user-processing-result.js'
import type { ResultStore } from '../../store/result-store.js'
import { READ_PERMISSIONS, WRITE_PERMISSIONS } from '../auth/permissions.js'
import { GraphError } from '../errors/graph-error.js'
import { viewOf } from '../http/api-version.js'
import { asOData } from '../http/headers.js'
import { wantsUnknownEnumMembers } from '../http/request-headers.js'
import { PATCH_BODY_SCHEMAS, type PatchMode, readPatchBody } from './patch-body.js'
import { presentResult } from './present.js'

export interface WorkflowBaseOptions {
  store: ResultStore
  patchMode: PatchMode
}

// Serialised by fast-json-stringify from the entity schema instead of JSON.stringify.
const entityResponse = { 200: toSerializerSchema(UserProcessingResultResponseSchema) }
const answer = { content: { 'application/json': UserProcessingResultResponseSchema } }

interface ById {
  Params: { id: string }
}

/** The documented draft path: `/workflowBase/userProcessingResults/{id}` (PATCH from the seed page, and GET). */
export async function workflowBaseRoutes(app: FastifyInstance, { store, patchMode }: WorkflowBaseOptions) {
  const entity = (request: FastifyRequest<ById>, record: Parameters<typeof presentResult>[0]) => ({
    '@odata.type': ODATA_TYPE,
    ...presentResult(record, viewOf(request))
  })

  app.get<ById>(
    '/workflowBase/userProcessingResults/:id',
    {
      config: {
        permissions: READ_PERMISSIONS,
        openapi: { summary: "Get a userProcessingResult (the seed page's draft path)", answer }
      },
      schema: { response: entityResponse }
    },
    async function getSeedResult(request, reply) {
      const record = await store.get(request.tenant, request.params.id)
      if (record === undefined) throw GraphError.resourceNotFound(request.params.id)
      return asOData(reply).send(entity(request, record))
    }
  )

  app.patch<ById>(
    '/workflowBase/userProcessingResults/:id',
    {
      config: {
        permissions: WRITE_PERMISSIONS,
        openapi: {
          summary: "Update a userProcessingResult (the seed page's draft path)",
          body: PATCH_BODY_SCHEMAS[patchMode],
          answer
        }
      },
      schema: { response: entityResponse }
    },
    async function patchSeedResult(request, reply) {
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

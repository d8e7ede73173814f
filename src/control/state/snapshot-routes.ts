import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { GraphError } from '../../graph/errors/graph-error.js'
import { OPTION_OFF } from '../../model/control/control-answers.js'
import { TenantQuerySchema } from '../../model/control/control-query.js'
import { SavedStateFileSchema, SnapshotSchema } from '../../model/control/snapshot.js'
import type { MockState } from './mock-state.js'
import { readSnapshot, SnapshotError, takeSnapshot } from './snapshot.js'
import { saveStateFile } from './state-file.js'

/** A snapshot holds whole journals and worlds: more than a Graph body may be (4 MiB). */
export const SNAPSHOT_BODY_LIMIT = 64 * 1024 * 1024

export interface SnapshotOptions {
  state: MockState
  /** `--state-file`, where `POST /snapshot/save` writes. */
  stateFile: string | undefined
}

/**
 * `/snapshot`: `GET` gives every piece of mutable state (or one tenant's) as one document, `PUT` restores one, all
 * or nothing after every check, and `POST /snapshot/save` writes it to the state file now.
 */
export const snapshotRoutes: FastifyPluginAsyncTypebox<SnapshotOptions> = async (
  app,
  { state, stateFile }
) => {
  const schema = { querystring: TenantQuerySchema }
  const snapshot = { content: { 'application/json': SnapshotSchema } }
  const taken = {
    summary: "Every piece of mutable state (?tenant=: that tenant's) as one document",
    answer: snapshot
  }

  app.get('/snapshot', { schema, config: { openapi: taken } }, async function getSnapshot(request) {
    return takeSnapshot(state, request.query.tenant)
  })

  const restored = {
    summary: 'Restore a snapshot, all or nothing after every check (?tenant=: that tenant only)',
    body: SnapshotSchema,
    answer: { status: 204 }
  }
  app.put(
    '/snapshot',
    { schema, bodyLimit: SNAPSHOT_BODY_LIMIT, config: { openapi: restored } },
    async function restoreSnapshot(request, reply) {
      const { tenant } = request.query
      let parts: ReturnType<typeof readSnapshot>
      try {
        parts = readSnapshot(request.body, tenant)
      } catch (error) {
        if (!(error instanceof SnapshotError)) throw error
        throw GraphError.invalidInput('body', [{ target: error.field, message: error.message }])
      }
      await state.restore(parts, tenant)
      return reply.code(204).send()
    }
  )

  const saved = {
    summary: 'Write the state to --state-file now',
    answer: { content: { 'application/json': SavedStateFileSchema } },
    errors: { 404: OPTION_OFF }
  }
  app.post('/snapshot/save', { config: { openapi: saved } }, async function saveSnapshot() {
    if (stateFile === undefined) throw GraphError.stateFileOff()
    await saveStateFile(state, stateFile)
    return { path: stateFile }
  })
}

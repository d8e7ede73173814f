import {
  BatchEnvelopeSchema,
  type BatchRequestBody,
  BatchRequestBodySchema,
  type BatchRequestItem,
  MAX_BATCH_REQUESTS
} from '../../model/batch.js'
import { compileChecker } from '../../model/schema-check.js'
import { batchMessages } from '../errors/batch-messages.js'
import { GraphError } from '../errors/graph-error.js'
import { WRITE_METHODS } from '../http/request-headers.js'

const envelope = compileChecker(BatchEnvelopeSchema)
const batch = compileChecker(BatchRequestBodySchema)

/** Graph's message for a batch it cannot read, and (the mock's addition) what exactly is wrong, in `details`. */
export function invalidPayload(issue: { target: string; message: string }): GraphError {
  return GraphError.badRequest(batchMessages.invalidPayload, [{ code: 'BadRequest', ...issue }])
}

/** An inner request's header, whatever the case of its name. */
export function itemHeader(item: BatchRequestItem, name: string): string | undefined {
  const found = Object.entries(item.headers ?? {}).find(([key]) => key.toLowerCase() === name)
  return found?.[1]
}

function requireUniqueIds(requests: readonly BatchRequestItem[]): void {
  const seen = new Set<string>()
  for (const { id } of requests) {
    const key = id.toLowerCase()
    if (seen.has(key)) throw GraphError.badRequest(batchMessages.duplicateId(id))
    seen.add(key)
  }
}

/** Graph refuses a whole batch in which a POST, PATCH or PUT lacks a body or a Content-Type. */
function requireWriteBodies(requests: readonly BatchRequestItem[]): void {
  for (const item of requests) {
    if (!WRITE_METHODS.has(item.method.toUpperCase())) continue
    const hasBody = item.body !== undefined && item.body !== null
    const hasContentType = (itemHeader(item, 'content-type')?.trim() ?? '') !== ''
    if (!hasBody || !hasContentType)
      throw GraphError.badRequest(batchMessages.writeWithoutContentType(item.id))
  }
}

/**
 * The body of `POST /$batch`, checked the way Graph checks it before running anything: each failure refuses
 * the whole batch with a 400. Dependencies are checked by `planBatch`.
 */
export function readBatch(body: unknown): BatchRequestBody {
  const notABatch = envelope.firstIssue(body)
  if (notABatch !== undefined) throw invalidPayload(notABatch)
  if ((body as { requests: unknown[] }).requests.length > MAX_BATCH_REQUESTS)
    throw GraphError.badRequest(batchMessages.tooManyRequests)
  const malformed = batch.firstIssue(body)
  if (malformed !== undefined) throw invalidPayload(malformed)
  const { requests } = body as BatchRequestBody
  requireUniqueIds(requests)
  requireWriteBodies(requests)
  return { requests }
}

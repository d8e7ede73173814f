import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { GraphError } from '../graph/errors/graph-error.js'

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}

/** `onRequest` hook of the control scope when `--admin-key` is set: the header must carry the key. */
export function requireAdminKey(adminKey: string) {
  const expected = digest(adminKey)
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const sent = request.headers['x-mock-admin-key']
    // Digests have one length, so the comparison takes the same time whatever was sent.
    if (typeof sent !== 'string' || !timingSafeEqual(digest(sent), expected))
      throw GraphError.adminKeyRequired()
  }
}

import type { FastifyReply, FastifyRequest } from 'fastify'
import { type User, UserSchema } from '../../model/user.js'
import { GraphError } from '../errors/graph-error.js'
import { parseEntityQuery } from '../odata/collection-query.js'
import type { PropertyTable } from '../odata/property-table.js'
import { sendEntity } from '../odata/responses.js'
import { rawQuery } from '../odata/urls.js'

/** A subject with the properties its fixture gives it, `id` first (as `GET …/subject` and `$expand=subject`). */
export function presentUser(user: User): User {
  return { ...user, id: user.id }
}

const USER_TABLE: PropertyTable<User> = {
  typeName: 'microsoft.graph.user',
  selectable: Object.keys(UserSchema.properties),
  expandable: [],
  queryable: {}
}

/**
 * `GET …/subject`: the user a result (or task result) processed, with `$select`. Its `@odata.context` is the
 * entity set of users, which the navigation targets.
 */
export function sendSubject(
  request: FastifyRequest,
  reply: FastifyReply,
  subject: User | undefined
): FastifyReply {
  const { select } = parseEntityQuery(rawQuery(request), USER_TABLE)
  if (subject === undefined) throw GraphError.resourceNotFound('subject')
  return sendEntity(request, reply, { contextPath: 'users', entity: presentUser(subject), select })
}

import type { TSchema } from '@sinclair/typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type View, viewOf } from '../http/api-version.js'
import { parseCollectionQuery, parseCountQuery, parseEntityQuery } from './collection-query.js'
import type { PropertyTable } from './property-table.js'
import type { QueryTarget } from './query-options.js'
import { sendCount, sendEntity, sendPage } from './responses.js'
import { rawQuery } from './urls.js'

/** What the three read routes of one Graph collection need to know; the routes do the OData part. */
export interface CollectionSpec<T extends object> {
  /** The collection's route path; `/$count` and `/:{itemParam}` go below it. */
  path: string
  itemParam: string
  permissions: readonly string[]
  /** The item's permissions, when not those of the collection. */
  itemPermissions?: readonly string[]
  /** Items per page when the client sends no $top. */
  pageSize: number
  /** The entity as Graph writes it (the schema of the OpenAPI description). */
  entity: TSchema
  table(view: View): PropertyTable<T>
  /** The entity-set path `@odata.context` names, from the path parameters of the collection (not the key). */
  contextPath(params: Record<string, string>): string
  /** Every entity of the collection, presented for the view with the expansions; a missing parent is a 404. */
  list(request: FastifyRequest, view: View, expand: readonly string[]): Promise<T[]>
  /** One entity by its key; a missing one (or parent) is a 404. */
  item(request: FastifyRequest, view: View, expand: readonly string[], key: string): Promise<T>
  /** A function bound to the collection, addressed where a key would be (`summary(…)`). */
  boundFunction?: BoundFunction
  /** Properties a page leaves out unless $select names them, as Graph's list does. */
  listOmits?: readonly string[]
}

export interface BoundFunction {
  /** What the function answers. */
  result: TSchema
  /** Answers and returns the reply when the segment calls the function, `undefined` when the segment is a key. */
  answer(request: FastifyRequest, reply: FastifyReply, segment: string): Promise<FastifyReply> | undefined
}

function omit(entity: object, names: readonly string[]): object {
  return Object.fromEntries(Object.entries(entity).filter(([name]) => !names.includes(name)))
}

/**
 * Registers a collection's reads: the list (with $filter, $orderby, $select, $expand, $top, $count and
 * nextLink paging), `/$count` (with $filter) and the item (with $select and $expand). GET only: other
 * methods get the 405 of the route table.
 */
export function collectionRoutes<T extends object>(app: FastifyInstance, spec: CollectionSpec<T>): void {
  // The routes' permissions, and what each one's query string addresses (the journal's verification reads both),
  // and their OpenAPI description.
  const name = spec.path.split('/').at(-1)
  const config = (queryTarget: QueryTarget, summary: string, permissions = spec.permissions) => ({
    config: {
      permissions,
      queryTarget,
      openapi: { summary, entity: spec.entity, functionResult: spec.boundFunction?.result }
    }
  })
  const item = spec.boundFunction === undefined ? 'Get one by key' : 'Get one by key, or call summary(…)'

  app.get(spec.path, config('collection', `List ${name}`), async function listCollection(request, reply) {
    const view = viewOf(request)
    const plan = parseCollectionQuery(rawQuery(request), spec.table(view))
    const entities = await spec.list(request, view, plan.expand)
    const omitted = plan.select === undefined ? (spec.listOmits ?? []) : []
    return sendPage(request, reply, {
      contextPath: spec.contextPath(request.params as Record<string, string>),
      plan,
      entities,
      pageSize: spec.pageSize,
      present: omitted.length === 0 ? undefined : (entity) => omit(entity, omitted)
    })
  })

  app.get(
    `${spec.path}/$count`,
    config('count', `Count ${name}`),
    async function countCollection(request, reply) {
      const view = viewOf(request)
      const { filter } = parseCountQuery(rawQuery(request), spec.table(view))
      const entities = await spec.list(request, view, [])
      return sendCount(reply, filter === undefined ? entities.length : entities.filter(filter).length)
    }
  )

  app.get(
    `${spec.path}/:${spec.itemParam}`,
    config('entity', `${item} of ${name}`, spec.itemPermissions),
    async function getCollectionItem(request, reply) {
      const { [spec.itemParam]: segment = '', ...parent } = request.params as Record<string, string>
      const called = spec.boundFunction?.answer(request, reply, segment)
      if (called !== undefined) return called
      const view = viewOf(request)
      const { select, expand } = parseEntityQuery(rawQuery(request), spec.table(view))
      const entity = await spec.item(request, view, expand, segment)
      return sendEntity(request, reply, { contextPath: spec.contextPath(parent), entity, select, expand })
    }
  )
}

import type { FastifyReply, FastifyRequest } from 'fastify'
import type { ODataPage } from '../../model/odata.js'
import { asOData } from '../http/headers.js'
import type { CollectionQuery } from './collection-query.js'
import { applyQuery, nextLinkFor } from './paging.js'
import { selectProperties } from './select.js'
import { contextUrl } from './urls.js'

/**
 * One page of a collection as Graph writes it: `@odata.context` (with the selection), `@odata.count` under
 * `$count=true`, `@odata.nextLink` while more follow, and `value`. `entities` are already presented.
 */
export function sendPage<T extends object>(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    contextPath: string
    plan: CollectionQuery<T>
    entities: readonly T[]
    pageSize: number
    /** What a listed entity looks like in the page, when not the whole of it. */
    present?: ((entity: T) => object) | undefined
  }
): FastifyReply {
  const present = options.present ?? ((entity: T) => entity)
  const { plan } = options
  const { page, total, nextSkiptoken } = applyQuery(options.entities, plan, options.pageSize)
  const body: ODataPage = {
    '@odata.context': contextUrl(request, options.contextPath, plan.select),
    ...(plan.count ? { '@odata.count': total } : {}),
    ...(nextSkiptoken === undefined ? {} : { '@odata.nextLink': nextLinkFor(request, nextSkiptoken) }),
    value: page.map((entity) => selectProperties(present(entity), plan.select, plan.expand))
  }
  return asOData(reply).send(body)
}

/** `/$count`: the number alone, as text, as Graph answers it. */
export function sendCount(reply: FastifyReply, count: number): FastifyReply {
  return reply.type('text/plain; charset=utf-8').header('odata-version', '4.0').send(String(count))
}

/** One entity with `@odata.context` of its entity set (plus `/$entity`, or the suffix given). */
export function sendEntity(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    contextPath: string
    entity: object
    select?: string[] | undefined
    expand?: readonly string[]
    suffix?: string
  }
): FastifyReply {
  return asOData(reply).send({
    '@odata.context': contextUrl(request, options.contextPath, options.select, options.suffix ?? '/$entity'),
    ...selectProperties(options.entity, options.select, options.expand)
  })
}

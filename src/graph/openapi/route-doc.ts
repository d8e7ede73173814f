import type { TSchema } from '@sinclair/typebox'

/** A successful answer of a route: its status and, per media type, the schema of its body (none for a 204). */
export interface RouteAnswer {
  status?: number
  description?: string
  content?: Readonly<Record<string, TSchema>>
}

/**
 * What the OpenAPI description of a route needs beyond Fastify's own schema (`body`, `querystring`), declared
 * next to the route in `config.openapi`. Every schema is the very object the code validates or writes with.
 */
export interface RouteDoc {
  summary: string
  /** A body the handler reads itself, with Graph's messages (Fastify's `schema.body` is used when there is one). */
  body?: TSchema
  /** What a Graph route reads through OData (its `queryTarget` says how: a page of them, one, or a count). */
  entity?: TSchema
  /** What a function bound where the item's key would be (`summary(…)`) answers. */
  functionResult?: TSchema
  /** The answer, when it is not derived from `entity`. */
  answer?: RouteAnswer
  /** Error statuses the route answers beyond those every route of its kind may (a 400 for a bad body, …). */
  errors?: Readonly<Record<number, string>>
  /** A `/_mock` route served without the admin key. */
  open?: boolean
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's OpenAPI description (`GET /_mock/openapi.json`). */
    openapi?: RouteDoc
  }
}

import { type Static, Type } from '@sinclair/typebox'
import { UserProcessingResultSchema } from '../user-processing-result.js'

/**
 * `?tenant=<tid>`: the tenant a control call concerns; without it, the call concerns every tenant or the default
 * one, the `tid` of a token minted with defaults (DEFAULT_TOKEN_TENANT).
 */
export const TenantQuerySchema = Type.Object(
  { tenant: Type.Optional(Type.String({ minLength: 1 })) },
  { additionalProperties: false }
)
export type TenantQuery = Static<typeof TenantQuerySchema>

/** An HTTP method as a client writes it; compared without case. */
export const MethodSchema = Type.String({ pattern: '^[A-Za-z]+$', expected: 'an HTTP method such as PATCH' })

/** A URL path of the Graph scope, e.g. `/beta/workflowBase/userProcessingResults/…`. */
export const PathSchema = Type.String({
  pattern: '^/',
  maxLength: 2000,
  expected: "a path starting with '/', e.g. /beta/workflowBase"
})

/** Records to seed a tenant with, in the fixture record shape, each checked with the entity's own schema. */
export const SeedRecordsSchema = Type.Array(UserProcessingResultSchema, { maxItems: 10_000 })

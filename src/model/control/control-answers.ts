import { Type } from '@sinclair/typebox'
import { UserProcessingResultSchema } from '../user-processing-result.js'
import { FaultRuleViewSchema } from './fault-rule.js'
import { JournalEntrySchema } from './journal-entry.js'

/** What the control API answers, where no other schema says it. */

/** A tenant's records, in the fixture record shape. */
export const RecordsSchema = Type.Array(UserProcessingResultSchema)

/** Journal entries, oldest first. */
export const JournalEntriesSchema = Type.Array(JournalEntrySchema)

export const CountSchema = Type.Object({ count: Type.Integer({ minimum: 0 }) })

/** The fault rules in the order they are consulted. */
export const FaultRuleViewsSchema = Type.Array(FaultRuleViewSchema)

export const TokenAnswerSchema = Type.Object({ token: Type.String() })

/** A text body: a certificate, a Markdown report, a stream of server-sent events, the inspector's files. */
export const TextSchema = Type.String()

/** `GET /_mock/openapi.json`: an OpenAPI 3.1 document (its own schema is the OpenAPI specification's). */
export const OpenApiDocumentSchema = Type.Object({
  openapi: Type.String(),
  info: Type.Object({ title: Type.String(), version: Type.String() }),
  servers: Type.Array(Type.Object({ url: Type.String() })),
  paths: Type.Record(Type.String(), Type.Unknown()),
  components: Type.Record(Type.String(), Type.Unknown())
})

/** The 404 of a control call that needs a start-up option the mock was started without (one description for all). */
export const OPTION_OFF = 'The mock was started without the option this call needs (--tls, --state-file)'

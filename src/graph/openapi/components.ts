import { isDeepStrictEqual } from 'node:util'
import type { JsonSchema } from './json-schema.js'
import { SchemaWriter } from './json-schema.js'

type Kind = 'parameters' | 'responses'

/**
 * The document's reusable parts: the schemas (named by their titles), and parameters and error answers that
 * hundreds of operations share, each written once and referenced.
 */
export class Components {
  readonly schemas = new SchemaWriter()
  readonly parameters: Record<string, JsonSchema> = {}
  readonly responses: Record<string, JsonSchema> = {}

  /** A reference to the part named `name`, written on first use; the same name must always mean the same part. */
  ref(kind: Kind, name: string, part: JsonSchema): JsonSchema {
    const known = this[kind][name]
    if (known !== undefined && !isDeepStrictEqual(known, part))
      throw new Error(`Two ${kind} are named ${name}.`)
    this[kind][name] = part
    return { $ref: `#/components/${kind}/${name}` }
  }
}

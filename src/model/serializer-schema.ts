import type { TSchema } from '@sinclair/typebox'

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'object'

/** The subset of JSON Schema that fast-json-stringify writes fastest, without validating while it writes. */
export interface SerializerSchema {
  type: JsonType | JsonType[]
  properties?: Record<string, SerializerSchema>
}

function typeOf(schema: TSchema): JsonType {
  if (schema.const !== undefined) return schema.const === null ? 'null' : (typeof schema.const as JsonType)
  if (schema.anyOf !== undefined) {
    const types = new Set((schema.anyOf as TSchema[]).map(typeOf))
    const [only] = types
    if (types.size === 1 && only !== undefined) return only
  }
  if (typeof schema.type !== 'string')
    throw new Error(`Cannot serialise the schema ${JSON.stringify(schema)}.`)
  return schema.type as JsonType
}

/**
 * Derives a response schema for fast-json-stringify from a TypeBox schema, so the shape is still defined once.
 * A nullable union `anyOf [T, null]` becomes `type: [T, 'null']` and an enum union its member type: given an
 * `anyOf`, fast-json-stringify tries each branch with Ajv and writes slower than JSON.stringify, while the
 * plain types let it write faster than JSON.stringify. `required` and formats are left out: they check input,
 * and the answer is built from records the schemas have already checked.
 */
export function toSerializerSchema(schema: TSchema): SerializerSchema {
  if (schema.anyOf !== undefined) {
    const members = schema.anyOf as TSchema[]
    const nonNull = members.filter((member) => member.type !== 'null')
    const [value] = nonNull
    if (nonNull.length === 1 && members.length === 2 && value !== undefined) {
      return { ...toSerializerSchema(value), type: [typeOf(value), 'null'] }
    }
    return { type: typeOf(schema) }
  }
  if (schema.type === 'object') {
    const properties = Object.entries(schema.properties as Record<string, TSchema>)
    return {
      type: 'object',
      properties: Object.fromEntries(
        properties.map(([name, property]) => [name, toSerializerSchema(property)])
      )
    }
  }
  return { type: typeOf(schema) }
}

import { isDeepStrictEqual } from 'node:util'
import type { TSchema } from '@sinclair/typebox'

/** A JSON Schema 2020-12 object as OpenAPI 3.1 takes it. */
export type JsonSchema = Record<string, unknown>

/**
 * How a schema is written: `exact` as the code checks it (a body, a control answer); `answer` for what Graph's
 * OData paths write, where `$select` picks any properties, so none is required and named types become components.
 */
export type SchemaMode = 'exact' | 'answer'

// Annotations of this project's schemas that are no JSON Schema: the Edm type and the words of error messages.
const PRIVATE_KEYS = new Set(['edmType', 'expected'])
// TypeBox's `Type.Record(Type.String(), …)`: any key.
const ANY_KEY = '^(.*)$'

const isPrimitive = (type: unknown) => typeof type === 'string' && !['object', 'array', 'null'].includes(type)

/**
 * Writes the schemas of src/model for an OpenAPI 3.1 document: TypeBox's own keys (symbols) and the project's
 * annotations left out, the DateTimeOffset format as `date-time`, unions of literals as `enum`, a nullable
 * primitive as `type: [T, 'null']`. In `answer` mode a schema with a `title` (Graph's type name) becomes a
 * component, referenced by that name.
 */
export class SchemaWriter {
  readonly components: Record<string, JsonSchema> = {}

  write(schema: TSchema, mode: SchemaMode): JsonSchema {
    if (mode !== 'answer' || typeof schema.title !== 'string') return this.#convert(schema, mode)
    return this.#named(schema.title, this.#convert(schema, mode))
  }

  /** A titled schema written exactly (e.g. the error envelope, complete in every answer), as a component. */
  component(schema: TSchema): JsonSchema {
    if (typeof schema.title !== 'string') throw new Error('A component needs a title.')
    return this.#named(schema.title, this.#convert(schema, 'exact'))
  }

  #named(title: string, written: JsonSchema): JsonSchema {
    const known = this.components[title]
    if (known !== undefined && !isDeepStrictEqual(known, written))
      throw new Error(`Two different schemas are titled ${title}.`)
    this.components[title] = written
    return { $ref: `#/components/schemas/${title}` }
  }

  #convert(schema: TSchema, mode: SchemaMode): JsonSchema {
    const keywords = this.#keywords(schema, mode)
    return Array.isArray(schema.anyOf) ? this.#union(keywords, schema.anyOf as TSchema[], mode) : keywords
  }

  /** Every keyword but `anyOf`, written. */
  #keywords(schema: TSchema, mode: SchemaMode): JsonSchema {
    const out: JsonSchema = {}
    for (const [key, value] of Object.entries(schema)) {
      if (PRIVATE_KEYS.has(key) || key === 'anyOf') continue
      if (key === 'format' && value === 'date-time-offset') out.format = 'date-time'
      else if (key === 'properties') out.properties = this.#properties(value as Record<string, TSchema>, mode)
      else if (key === 'patternProperties') Object.assign(out, this.#patternProperties(value, mode))
      else if (key === 'items') out.items = this.write(value as TSchema, mode)
      else if (key === 'additionalProperties') {
        if (typeof value === 'object') out.additionalProperties = this.write(value as TSchema, mode)
        else if (mode === 'exact') out.additionalProperties = value
      } else if (key === 'required') {
        if (mode === 'exact') out.required = value
      } else out[key] = value
    }
    return out
  }

  #properties(properties: Record<string, TSchema>, mode: SchemaMode): JsonSchema {
    return Object.fromEntries(
      Object.entries(properties).map(([name, property]) => [name, this.write(property, mode)])
    )
  }

  #patternProperties(patterns: unknown, mode: SchemaMode): JsonSchema {
    const entries = Object.entries(patterns as Record<string, TSchema>)
    const [only] = entries
    if (entries.length === 1 && only !== undefined && only[0] === ANY_KEY)
      return { additionalProperties: this.write(only[1], mode) }
    return {
      patternProperties: Object.fromEntries(entries.map(([key, value]) => [key, this.write(value, mode)]))
    }
  }

  #union(annotations: JsonSchema, members: TSchema[], mode: SchemaMode): JsonSchema {
    const written = members.map((member) => this.write(member, mode))
    const nonNull = written.filter((member) => member.type !== 'null')
    const nullable = nonNull.length < written.length
    const enumType = nonNull[0]?.type
    if (isPrimitive(enumType) && nonNull.every((member) => 'const' in member && member.type === enumType)) {
      const values = nonNull.map((member) => member.const)
      return nullable
        ? { ...annotations, type: [enumType, 'null'], enum: [...values, null] }
        : { ...annotations, type: enumType, enum: values }
    }
    const [single] = nonNull
    if (nullable && nonNull.length === 1 && single !== undefined && isPrimitive(single.type))
      return { ...annotations, ...single, type: [single.type, 'null'] }
    return { ...annotations, anyOf: written }
  }
}

import type { TSchema } from '@sinclair/typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { Value } from '@sinclair/typebox/value'
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'
import { describeSchemaError } from '../../model/schema-check.js'

const MAX_PROBLEMS = 10

/**
 * Fastify's validator compiler for route schemas: TypeBox's compiled checks instead of Ajv, whose Fastify
 * defaults strip unknown properties and coerce types (a Graph mock must reject both). Only querystrings and
 * params, which arrive as text, are converted first. Each problem is one sentence naming the field.
 */
export const compileValidator: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = TypeCompiler.Compile(schema)
  return (value: unknown) => {
    const converted = httpPart === 'body' ? value : Value.Convert(schema, value)
    if (check.Check(converted)) return { value: converted }
    const problems: FastifySchemaValidationError[] = []
    for (const error of check.Errors(converted)) {
      problems.push({
        keyword: String(error.type),
        instancePath: error.path,
        schemaPath: '',
        params: {},
        message: describeSchemaError(error)
      })
      if (problems.length === MAX_PROBLEMS) break
    }
    return { error: problems }
  }
}

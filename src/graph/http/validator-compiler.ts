import type { TSchema } from '@sinclair/typebox'
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler'
import { Value } from '@sinclair/typebox/value'
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'
import { describeSchemaError } from '../../model/schema-check.js'

const MAX_PROBLEMS = 10

// Route schemas are module constants: compiled once per process, not once per server built (tests build many).
const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>()

function compiledCheck(schema: TSchema): TypeCheck<TSchema> {
  let check = compiled.get(schema)
  if (check === undefined) {
    check = TypeCompiler.Compile(schema)
    compiled.set(schema, check)
  }
  return check
}

/**
 * Fastify's validator compiler for route schemas: TypeBox's compiled checks instead of Ajv, whose Fastify
 * defaults strip unknown properties and coerce types (a Graph mock must reject both). Only querystrings and
 * params, which arrive as text, are converted first. Each problem is one sentence naming the field.
 */
export const compileValidator: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = compiledCheck(schema)
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

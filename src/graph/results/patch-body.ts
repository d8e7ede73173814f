import type { TObject, TSchema } from '@sinclair/typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { normalizeCheckedDateTimeOffset } from '../../model/edm.js'
import { isEvolvableMember } from '../../model/enums.js'
import {
  PartialPatchBodySchema,
  StrictPatchBodySchema,
  type UserProcessingResultChanges
} from '../../model/user-processing-result.js'
import { bodyMessages } from '../errors/body-messages.js'
import { GraphError, type GraphErrorDetail } from '../errors/graph-error.js'

export type PatchMode = 'strict' | 'partial'

interface PatchContext {
  mode: PatchMode
  urlId: string
  includeUnknownEnumMembers: boolean
}

/** The body a PATCH takes in each mode (and its OpenAPI description shows). */
export const PATCH_BODY_SCHEMAS: Readonly<Record<PatchMode, TObject>> = {
  strict: StrictPatchBodySchema,
  partial: PartialPatchBodySchema
}

// Compiled once: the whole-body check is the fast path, the per-property checks explain a failure.
const bodies = {
  strict: compileBody(PATCH_BODY_SCHEMAS.strict),
  partial: compileBody(PATCH_BODY_SCHEMAS.partial)
}

function compileBody(schema: TObject) {
  // A Map, not an object: a body key such as `toString` or `constructor` must not find an inherited member.
  const properties = new Map(
    Object.entries(schema.properties).map(([name, property]) => [
      name,
      { schema: property as TSchema, check: TypeCompiler.Compile(property as TSchema) }
    ])
  )
  return { check: TypeCompiler.Compile(schema), properties, required: schema.required ?? [] }
}

const MAX_LITERAL_LENGTH = 200

function literalOf(value: unknown): string {
  const text = String(value)
  return text.length > MAX_LITERAL_LENGTH ? `${text.slice(0, MAX_LITERAL_LENGTH)}…` : text
}

function jsonNode(value: unknown): string {
  return Array.isArray(value)
    ? 'StartArray'
    : typeof value === 'object' && value !== null
      ? 'StartObject'
      : 'PrimitiveValue'
}

function edmTypeOf(schema: TSchema): string {
  return String(schema.edmType ?? 'Edm.String')
}

function isEnum(schema: TSchema): boolean {
  return edmTypeOf(schema).startsWith('microsoft.graph.')
}

function describeValueProblem(name: string, schema: TSchema, value: unknown): string {
  if (value === null) return bodyMessages.nullNotAllowed(name, edmTypeOf(schema))
  if (typeof value === 'object') return bodyMessages.unexpectedNode(name, jsonNode(value))
  if (name === '@odata.type') return bodyMessages.unresolvedType(literalOf(value))
  return bodyMessages.cannotConvert(literalOf(value), edmTypeOf(schema))
}

function problemsOf(body: Record<string, unknown>, context: PatchContext): GraphErrorDetail[] {
  const { check, properties, required } = bodies[context.mode]
  const problems: GraphErrorDetail[] = []
  const add = (target: string, message: string) => problems.push({ code: 'BadRequest', target, message })
  const valid = check.Check(body)
  for (const [name, value] of Object.entries(body)) {
    const property = properties.get(name)
    if (property === undefined) {
      add(name, name === 'subject' ? bodyMessages.readOnly(name) : bodyMessages.unknownProperty(name))
    } else if (!valid && !property.check.Check(value)) {
      add(name, describeValueProblem(name, property.schema, value))
    } else if (
      isEnum(property.schema) &&
      isEvolvableMember(edmTypeOf(property.schema), String(value)) &&
      !context.includeUnknownEnumMembers
    ) {
      add(name, bodyMessages.evolvableMember(String(value), edmTypeOf(property.schema)))
    } else if (name === 'id' && value !== context.urlId) {
      add(name, bodyMessages.idMismatch(String(value), context.urlId))
    }
  }
  const missing = required.filter((name) => !Object.hasOwn(body, name))
  for (const name of missing) add(name, bodyMessages.missingRequired([name]))
  if (missing.length > 1 && problems.length === missing.length) {
    problems.unshift({ code: 'BadRequest', target: '', message: bodyMessages.missingRequired(missing) })
  }
  return problems
}

/**
 * Checks a PATCH body against the schema of the configured mode and the request's own rules (Prefer header,
 * URL id), reporting every problem at once; returns the changes to merge, date-times normalised to UTC.
 */
export function readPatchBody(body: unknown, context: PatchContext): UserProcessingResultChanges {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw GraphError.badRequest(bodyMessages.notAnObject(jsonNode(body)))
  }
  const fields = body as Record<string, unknown>
  const problems = problemsOf(fields, context)
  const [first] = problems
  if (first !== undefined) {
    throw GraphError.badRequest(
      first.message,
      problems.filter((problem) => problem.target !== '')
    )
  }
  const changes: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(fields)) {
    if (name.startsWith('@odata.') || name === 'id') continue
    changes[name] =
      typeof value === 'string' && name.endsWith('DateTime') ? normalizeCheckedDateTimeOffset(value) : value
  }
  return changes as UserProcessingResultChanges
}

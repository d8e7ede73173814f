import type { TSchema } from '@sinclair/typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { type ValueError, ValueErrorType } from '@sinclair/typebox/value'

const MAX_SHOWN = 80

function show(value: unknown): string {
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = typeof value
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text
}

/** `/a/0/b` → `a[0].b`; empty for the root. */
export function fieldOf(path: string): string {
  return path
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce(
      (field, part) => (/^\d+$/.test(part) ? `${field}[${part}]` : field ? `${field}.${part}` : part),
      ''
    )
}

/** One readable sentence for a schema violation, naming the field. */
export function describeSchemaError(error: ValueError): string {
  const field = fieldOf(error.path) || 'the value'
  const expected = String(error.schema.edmType ?? error.message.replace(/^Expected /, ''))
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return `'${field}' is required`
    case ValueErrorType.ObjectAdditionalProperties:
      return `'${field}' is not a known property`
    default:
      return `'${field}' has the invalid value ${show(error.value)} (expected ${expected})`
  }
}

/** A compiled checker that explains its first failure in one sentence. */
export function compileChecker<T extends TSchema>(schema: T) {
  const check = TypeCompiler.Compile(schema)
  return {
    check,
    firstProblem(value: unknown): string | undefined {
      const error = check.Errors(value).First()
      return error === undefined ? undefined : describeSchemaError(error)
    }
  }
}

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

/** What a schema wants, in words: its `edmType` or `expected` annotation, else derived from the schema. */
function expectedOf(error: ValueError): string {
  if (error.schema.edmType !== undefined) return String(error.schema.edmType)
  if (typeof error.schema.expected === 'string') return error.schema.expected
  const members: TSchema[] | undefined = error.schema.anyOf
  if (members?.every((member) => 'const' in member))
    return `one of ${members.map((member) => show(member.const)).join(', ')}`
  return error.message.replace(/^Expected /, '')
}

/** One readable sentence for a schema violation, naming the field. */
export function describeSchemaError(error: ValueError): string {
  const field = fieldOf(error.path)
  const subject = field === '' ? 'the value' : `'${field}'`
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return `${subject} is required`
    case ValueErrorType.ObjectAdditionalProperties:
      return `${subject} is not a known property`
    default:
      return `${subject} has the invalid value ${show(error.value)} (expected ${expectedOf(error)})`
  }
}

/** A compiled checker that explains its first failure in one sentence, and names the field it is about. */
export function compileChecker<T extends TSchema>(schema: T) {
  const check = TypeCompiler.Compile(schema)
  // The compiled check is fast; the error iterator walks the schema dynamically, so it runs only on failure.
  const firstIssue = (value: unknown): { target: string; message: string } | undefined => {
    if (check.Check(value)) return undefined
    const error = check.Errors(value).First()
    return error === undefined
      ? undefined
      : { target: fieldOf(error.path), message: describeSchemaError(error) }
  }
  return {
    check,
    firstIssue,
    firstProblem: (value: unknown): string | undefined => firstIssue(value)?.message
  }
}

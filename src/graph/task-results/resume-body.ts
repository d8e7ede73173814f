import { OPERATION_STATUS_MEMBERS, OperationStatusType, UNKNOWN_FUTURE_VALUE } from '../../model/enums.js'
import { CALLBACK_DATA_TYPE, ResumeBodySchema } from '../../model/task-processing-result.js'
import type { ResumeOutcome } from '../../store/derive/resume.js'
import { bodyMessages } from '../errors/body-messages.js'
import { GraphError, type GraphErrorDetail } from '../errors/graph-error.js'

type Outcome = ResumeOutcome['operationStatus']

const PARAMETERS = new Set(Object.keys(ResumeBodySchema.properties))
const DATA_PROPERTIES = new Set(Object.keys(ResumeBodySchema.properties.data.properties))

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function shown(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))
}

/**
 * The operation status a custom task extension reports, in its canonical casing. Members are matched without
 * case, as the service evidently does: Microsoft's own Logic App template sends `Completed`.
 */
function operationStatusOf(value: unknown): Outcome | { problem: string } {
  if (value === undefined)
    return { problem: "The parameter 'data' must have 'operationStatus': completed or failed." }
  const member = OPERATION_STATUS_MEMBERS.find(
    (name) => typeof value === 'string' && name.toLowerCase() === value.toLowerCase()
  )
  if (member === undefined)
    return { problem: bodyMessages.cannotConvert(shown(value), OperationStatusType.typeName) }
  if (member === UNKNOWN_FUTURE_VALUE)
    return { problem: `'${member}' is not an outcome; report completed or failed.` }
  return member
}

/**
 * Reads the body of `resume`: `{ "source", "type", "data": { "operationStatus" } }` (`data` may carry its
 * `@odata.type`). Every problem is reported at once, as a PATCH body's are.
 */
export function readResumeBody(body: unknown): Outcome {
  if (!isObject(body))
    throw GraphError.badRequest(
      bodyMessages.notAnObject(Array.isArray(body) ? 'StartArray' : 'PrimitiveValue')
    )
  const problems: GraphErrorDetail[] = []
  const add = (target: string, message: string) => {
    problems.push({ code: 'BadRequest', target, message })
  }
  for (const name of Object.keys(body)) {
    if (!PARAMETERS.has(name)) {
      add(
        name,
        `The parameter '${name}' in the request payload is not a valid parameter for the operation 'resume'.`
      )
    }
  }
  for (const name of ['source', 'type'] as const) {
    const value = body[name]
    if (value !== undefined && value !== null && typeof value !== 'string') {
      add(name, bodyMessages.cannotConvert(shown(value), 'Edm.String'))
    }
  }
  const { data } = body
  let status: Outcome | undefined
  if (!isObject(data)) {
    add('data', `The parameter 'data' is required: a ${CALLBACK_DATA_TYPE} object with 'operationStatus'.`)
  } else {
    for (const name of Object.keys(data)) {
      if (!DATA_PROPERTIES.has(name))
        add(`data.${name}`, bodyMessages.unknownProperty(name, CALLBACK_DATA_TYPE))
    }
    const type = data['@odata.type']
    if (type !== undefined && type !== `#${CALLBACK_DATA_TYPE}` && type !== CALLBACK_DATA_TYPE) {
      add('data.@odata.type', bodyMessages.unresolvedType(shown(type)))
    }
    const read = operationStatusOf(data.operationStatus)
    if (typeof read === 'string') status = read
    else add('data.operationStatus', read.problem)
  }
  const [first] = problems
  if (first !== undefined || status === undefined) {
    throw GraphError.badRequest(first?.message ?? 'The request body is not valid.', problems)
  }
  return status
}

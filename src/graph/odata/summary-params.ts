import { parseDateTimeOffset } from '../../model/date-time.js'
import { describeToken, type Token, TokenStream } from './lexer.js'
import { ODataQueryError } from './query-error.js'

const FUNCTION_NAMES = ['summary', 'microsoft.graph.identityGovernance.summary']
const PARAMETERS = ['startDateTime', 'endDateTime'] as const
type Parameter = (typeof PARAMETERS)[number]
const EXAMPLE = 'summary(startDateTime=2022-07-20T00:00:00Z,endDateTime=2022-07-23T00:00:00Z)'

/** The instants bounding a summary, in UTC ticks. */
export interface SummaryWindow {
  start: bigint
  end: bigint
}

/**
 * Reads a (percent-decoded) `summary(startDateTime=…,endDateTime=…)` path segment, short or
 * namespace-qualified, parameters in any order, values unquoted DateTimeOffset literals.
 * Returns undefined when the segment is not a summary call at all. Graph's behaviour for a window whose
 * end is before its start is undocumented; we refuse it (400) because it can only be a client mistake.
 */
export function parseSummaryParams(segment: string): SummaryWindow | undefined {
  const name = segment.split('(', 1)[0] ?? ''
  if (!FUNCTION_NAMES.includes(name)) return undefined
  const tokens = new TokenStream('summary', segment)
  const expect = (punct: string, detail: string) => {
    const token = tokens.next()
    if (!(token.kind === 'punct' && token.text === punct)) {
      throw tokens.fail(token, `${detail} but found ${describeToken(token)}`)
    }
  }
  tokens.next()
  expect('(', `expected '(' after '${name}'`)
  const values = new Map<Parameter, { text: string; ticks: bigint }>()
  while (!tokens.isPunct(')')) {
    if (values.size > 0) expect(',', "expected ',' or ')'")
    const parameter = readParameterName(tokens)
    if (values.has(parameter))
      throw new ODataQueryError(parameter, `The parameter '${parameter}' is given twice.`)
    expect('=', `expected '=' after '${parameter}'`)
    values.set(parameter, readDateTimeOffset(parameter, tokens.next()))
  }
  tokens.next()
  const end = tokens.next()
  if (end.kind !== 'end') throw tokens.fail(end, `unexpected ${describeToken(end)} after ')'`)
  const start = required(values, 'startDateTime')
  const finish = required(values, 'endDateTime')
  if (finish.ticks < start.ticks) {
    throw ODataQueryError.invalid('endDateTime', `${finish.text} is before startDateTime ${start.text}.`)
  }
  return { start: start.ticks, end: finish.ticks }
}

/** Whether a DateTimeOffset lies in the window: start included, end excluded, so adjacent windows never overlap. */
export function inWindow(dateTime: string, window: SummaryWindow): boolean {
  const ticks = parseDateTimeOffset(dateTime)
  return ticks !== undefined && ticks >= window.start && ticks < window.end
}

function readParameterName(tokens: TokenStream): Parameter {
  const token = tokens.next()
  const parameter = PARAMETERS.find((name) => token.kind === 'word' && token.text === name)
  if (parameter) return parameter
  throw tokens.fail(token, `expected startDateTime or endDateTime but found ${describeToken(token)}`)
}

function readDateTimeOffset(parameter: Parameter, token: Token): { text: string; ticks: bigint } {
  const ticks = token.kind === 'bare' ? parseDateTimeOffset(token.text) : undefined
  if (token.kind === 'bare' && ticks !== undefined) return { text: token.text, ticks }
  const found = token.kind === 'string' ? `'${token.value}' (quoted)` : describeToken(token)
  throw ODataQueryError.invalid(
    parameter,
    `${found} is not a DateTimeOffset; write it unquoted, e.g. 2022-07-20T00:00:00Z.`
  )
}

function required(values: Map<Parameter, { text: string; ticks: bigint }>, parameter: Parameter) {
  const value = values.get(parameter)
  if (!value)
    throw new ODataQueryError(parameter, `The parameter '${parameter}' is missing; call ${EXAMPLE}.`)
  return value
}

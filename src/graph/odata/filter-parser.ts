import { parseDateTimeOffset } from '../../model/date-time.js'
import { COMPARISON_OPERATORS, type ComparisonOperator, type FilterNode, type Literal } from './filter-ast.js'
import { describeToken, type Token, TokenStream } from './lexer.js'
import { ODataQueryError } from './query-error.js'

const OPTION = '$filter'
export const MAX_FILTER_LENGTH = 4096
export const MAX_FILTER_DEPTH = 100

// OData operators this service does not offer; named so the error can say so instead of "unexpected".
const UNSUPPORTED_OPERATORS = new Set(['has', 'in', 'add', 'sub', 'mul', 'div', 'divby', 'mod'])
const RESERVED = new Set<string>(['and', 'or', 'not', ...COMPARISON_OPERATORS, ...UNSUPPORTED_OPERATORS])
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/**
 * Recursive-descent parser for the $filter subset we serve, with OData precedence:
 *   or := and ('or' and)* ; and := comparison ('and' comparison)* ;
 *   comparison := unary (op unary)? ; unary := 'not' unary | primary ;
 *   primary := '(' or ')' | path | literal ; path := word ('/' word)*
 * `not` binds tighter than comparisons, as in OData, so `not (a eq b)` needs its parentheses.
 */
export function parseFilter(text: string): FilterNode {
  if (text.length > MAX_FILTER_LENGTH) {
    throw ODataQueryError.invalid(OPTION, `the expression is longer than ${MAX_FILTER_LENGTH} characters.`)
  }
  const tokens = new TokenStream(OPTION, text)
  let depth = 0
  const isWord = (word: string) => {
    const token = tokens.peek()
    return token.kind === 'word' && token.text === word
  }

  if (tokens.peek().kind === 'end') throw ODataQueryError.invalid(OPTION, 'the expression is empty.')
  const tree = parseOr()
  const trailing = tokens.peek()
  if (trailing.kind !== 'end') {
    if (tokens.isPunct(')')) throw tokens.fail(trailing, "')' has no matching '('")
    throw tokens.fail(trailing, `unexpected ${describeToken(trailing)}${unsupportedHint(trailing)}`)
  }
  return tree

  function parseOr(): FilterNode {
    return parseChain('or', parseAnd)
  }

  function parseAnd(): FilterNode {
    return parseChain('and', parseComparison)
  }

  function parseChain(kind: 'and' | 'or', parseOperand: () => FilterNode): FilterNode {
    const first = parseOperand()
    const operands = [first]
    while (isWord(kind)) {
      tokens.next()
      operands.push(parseOperand())
    }
    return operands.length === 1 ? first : { kind, operands, position: first.position }
  }

  function parseComparison(): FilterNode {
    const left = parseUnary()
    const token = tokens.peek()
    if (token.kind !== 'word' || !isComparisonOperator(token.text)) return left
    tokens.next()
    return { kind: 'compare', operator: token.text, left, right: parseUnary(), position: left.position }
  }

  function parseUnary(): FilterNode {
    if (!isWord('not')) return parsePrimary()
    const token = tokens.next()
    return nested(token, () => ({ kind: 'not', operand: parseUnary(), position: token.position }))
  }

  function parsePrimary(): FilterNode {
    const token = tokens.next()
    switch (token.kind) {
      case 'punct':
        if (token.text !== '(')
          throw tokens.fail(token, `expected a property or a literal but found '${token.text}'`)
        return nested(token, () => {
          const inner = parseOr()
          const close = tokens.next()
          if (!(close.kind === 'punct' && close.text === ')')) {
            throw tokens.fail(close, `expected ')' to close the '(' at position ${token.position}`)
          }
          return inner
        })
      case 'word':
        return parseWord(token)
      case 'string':
        return literal(token, { type: 'string', value: token.value })
      case 'typed':
        return literal(token, { type: 'typed', typeName: token.typeName, value: token.value })
      case 'bare':
        return literal(token, parseBare(token))
      case 'end':
        throw tokens.fail(token, 'the expression ends where a property or a literal was expected')
    }
  }

  function parseWord(token: Token & { kind: 'word' }): FilterNode {
    if (token.text === 'null') return literal(token, { type: 'null' })
    if (token.text === 'true' || token.text === 'false') {
      return literal(token, { type: 'boolean', value: token.text === 'true' })
    }
    if (RESERVED.has(token.text)) {
      throw tokens.fail(token, `expected a property or a literal but found the operator '${token.text}'`)
    }
    const segments = [propertySegment(token)]
    while (tokens.isPunct('/')) {
      tokens.next()
      segments.push(propertySegment(tokens.next()))
    }
    return { kind: 'property', path: segments.join('/'), position: token.position }
  }

  function propertySegment(token: Token): string {
    if (token.kind !== 'word' || RESERVED.has(token.text)) {
      throw tokens.fail(token, "expected a property name after '/'")
    }
    if (tokens.isPunct('(')) throw tokens.fail(token, `the function '${token.text}' is not supported`)
    return token.text
  }

  function parseBare(token: Token & { kind: 'bare' }): Literal {
    const ticks = parseDateTimeOffset(token.text)
    if (ticks !== undefined) return { type: 'dateTimeOffset', text: token.text, ticks }
    if (NUMBER.test(token.text)) return { type: 'number', text: token.text }
    if (GUID.test(token.text)) return { type: 'guid', text: token.text }
    if (/^\d{4}-\d{2}-\d{2}/.test(token.text)) {
      throw tokens.fail(
        token,
        `'${token.text}' is not a valid DateTimeOffset; write a real instant such as 2022-08-24T23:28:01Z ` +
          "or 2022-08-24T23:28:01.1348863-05:00 (at most 7 fraction digits; send '+' as %2B)"
      )
    }
    throw tokens.fail(token, `'${token.text}' is not a valid literal`)
  }

  // Bounds recursion so a hostile '((((…' or 'not not not …' cannot exhaust the stack.
  function nested(token: Token, parse: () => FilterNode): FilterNode {
    if (++depth > MAX_FILTER_DEPTH)
      throw tokens.fail(token, `nesting is deeper than ${MAX_FILTER_DEPTH} levels`)
    const node = parse()
    depth--
    return node
  }
}

function literal(token: Token, value: Literal): FilterNode {
  return { kind: 'literal', literal: value, position: token.position }
}

function isComparisonOperator(word: string): word is ComparisonOperator {
  return (COMPARISON_OPERATORS as readonly string[]).includes(word)
}

function unsupportedHint(token: Token): string {
  if (token.kind === 'word' && UNSUPPORTED_OPERATORS.has(token.text)) {
    return ` (the operator '${token.text}' is not supported; use eq, ne, lt, le, gt, ge, and, or, not)`
  }
  return ''
}

import { describe, expect, it } from 'vitest'
import type { FilterNode } from '../../../src/graph/odata/filter-ast.js'
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, parseFilter } from '../../../src/graph/odata/filter-parser.js'
import { odataError } from '../../helpers/odata.js'

const parseError = (text: string) => odataError(() => parseFilter(text))

// A compact rendering of the tree, so precedence is visible in the assertions.
function show(node: FilterNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `(${node.operands.map(show).join(` ${node.kind} `)})`
    case 'not':
      return `not ${show(node.operand)}`
    case 'compare':
      return `[${show(node.left)} ${node.operator} ${show(node.right)}]`
    case 'property':
      return node.path
    case 'literal': {
      const { literal } = node
      if (literal.type === 'null') return 'null'
      if (literal.type === 'string') return JSON.stringify(literal.value)
      if (literal.type === 'typed') return `${literal.typeName}<${literal.value}>`
      if (literal.type === 'boolean') return String(literal.value)
      return `${literal.type}:${literal.text}`
    }
  }
}

describe('parseFilter', () => {
  it.each(['eq', 'ne', 'lt', 'le', 'gt', 'ge'])('parses the %s comparison', (operator) => {
    expect(show(parseFilter(`id ${operator} 'x'`))).toBe(`[id ${operator} "x"]`)
  })

  it('binds and tighter than or', () => {
    expect(show(parseFilter("id eq 'a' or id eq 'b' and id eq 'c'"))).toBe(
      '([id eq "a"] or ([id eq "b"] and [id eq "c"]))'
    )
    expect(show(parseFilter("id eq 'a' and id eq 'b' or id eq 'c'"))).toBe(
      '(([id eq "a"] and [id eq "b"]) or [id eq "c"])'
    )
  })

  it('lets parentheses override precedence', () => {
    expect(show(parseFilter("(id eq 'a' or id eq 'b') and id eq 'c'"))).toBe(
      '(([id eq "a"] or [id eq "b"]) and [id eq "c"])'
    )
  })

  it('flattens chains of one connective', () => {
    expect(show(parseFilter("id eq 'a' or id eq 'b' or id eq 'c'"))).toBe(
      '([id eq "a"] or [id eq "b"] or [id eq "c"])'
    )
  })

  it('parses not applied to a parenthesised condition', () => {
    expect(show(parseFilter("not (id eq 'a') and id ne 'b'"))).toBe('(not [id eq "a"] and [id ne "b"])')
    expect(show(parseFilter("not not (id eq 'a')"))).toBe('not not [id eq "a"]')
  })

  it('parses property paths', () => {
    expect(show(parseFilter("subject/id eq 'u'"))).toBe('[subject/id eq "u"]')
  })

  it("unescapes '' inside string literals", () => {
    expect(show(parseFilter("id eq 'o''brien'"))).toBe('[id eq "o\'brien"]')
    expect(show(parseFilter("id eq ''''"))).toBe('[id eq "\'"]')
    expect(show(parseFilter("id eq ''"))).toBe('[id eq ""]')
  })

  it('keeps spaces and keywords inside strings', () => {
    expect(show(parseFilter("id eq 'a and b or (c)'"))).toBe('[id eq "a and b or (c)"]')
  })

  it('parses null, booleans, numbers and GUIDs as literals', () => {
    expect(show(parseFilter('completedDateTime eq null'))).toBe('[completedDateTime eq null]')
    expect(show(parseFilter('x eq true'))).toBe('[x eq true]')
    expect(show(parseFilter('x eq -1.5'))).toBe('[x eq number:-1.5]')
    expect(show(parseFilter('id eq 78b83505-6967-4168-a7ea-4921c0543ce9'))).toBe(
      '[id eq guid:78b83505-6967-4168-a7ea-4921c0543ce9]'
    )
  })

  it.each([
    '2022-08-24T23:28:01Z',
    '2022-08-24T23:28:01.1348863Z',
    '2022-08-24T23:28:01.1-05:00',
    '2022-08-24T23:28:01+02:00',
    '2022-08-24T23:28Z'
  ])('parses the unquoted DateTimeOffset %s', (text) => {
    const tree = parseFilter(`completedDateTime ge ${text}`)
    expect(show(tree)).toBe(`[completedDateTime ge dateTimeOffset:${text}]`)
  })

  it('parses both forms of enum literal', () => {
    expect(show(parseFilter("processingStatus eq 'completed'"))).toBe('[processingStatus eq "completed"]')
    expect(
      show(
        parseFilter(
          "processingStatus eq microsoft.graph.identityGovernance.lifecycleWorkflowProcessingStatus'completed'"
        )
      )
    ).toBe(
      '[processingStatus eq microsoft.graph.identityGovernance.lifecycleWorkflowProcessingStatus<completed>]'
    )
  })

  it('accepts a literal on the left', () => {
    expect(show(parseFilter("'a' eq id"))).toBe('["a" eq id]')
  })

  it('tolerates extra whitespace and tabs', () => {
    expect(show(parseFilter("  ( id\teq 'a' )  "))).toBe('[id eq "a"]')
  })

  it('records where each node starts', () => {
    const tree = parseFilter("id eq 'a' or  subject/id eq 'b'")
    expect(tree.kind === 'or' && tree.operands.map((node) => node.position)).toEqual([0, 14])
  })

  it.each([
    ['', 'the expression is empty'],
    ['   ', 'the expression is empty'],
    ['id eq', 'position 5'],
    ["id eq 'a' and", 'position 13'],
    ["id eq 'a' id eq 'b'", "unexpected 'id'"],
    ["(id eq 'a'", "expected ')' to close the '(' at position 0"],
    ["id eq 'a')", "')' has no matching '('"],
    ["((id eq 'a')", "expected ')'"],
    ['id eq ()', "expected a property or a literal but found ')'"],
    ["id eq 'abc", 'not closed with a quote'],
    ["id eq 'a' and or id eq 'b'", "found the operator 'or'"],
    ['eq id', "found the operator 'eq'"],
    ["startswith(id, 'a')", "the function 'startswith' is not supported"],
    ["subject/any(s: s eq 'a')", "the function 'any' is not supported"],
    ["id in ('a', 'b')", "the operator 'in' is not supported"],
    ['id eq 5 add 1', "the operator 'add' is not supported"],
    ["id eq 'a' && id eq 'b'", "unexpected character '&'"],
    ['id eq "a"', "unexpected character '\"'"],
    ['id eq @p', "unexpected character '@'"],
    ['subject/ eq 1', "expected a property name after '/'"],
    ['completedDateTime ge 2026-02-30T00:00:00Z', "'2026-02-30T00:00:00Z' is not a valid DateTimeOffset"],
    ['completedDateTime ge 2022-08-24T23:28:01.12345678Z', 'at most 7 fraction digits'],
    ['completedDateTime ge 2022-08-24T23:28:01 02:00', "send '+' as %2B"],
    ['id eq 12abc', "'12abc' is not a valid literal"]
  ])('rejects %j', (text, detail) => {
    const error = parseError(text)
    expect(error.option).toBe('$filter')
    expect(error.message).toMatch(/^Invalid \$filter: /)
    expect(error.message).toContain(detail)
  })

  it(`caps nesting at ${MAX_FILTER_DEPTH} levels without exhausting the stack`, () => {
    const deep = (n: number) => `${'('.repeat(n)}id eq 'a'${')'.repeat(n)}`
    expect(show(parseFilter(deep(MAX_FILTER_DEPTH)))).toBe('[id eq "a"]')
    expect(parseError(deep(MAX_FILTER_DEPTH + 1)).message).toContain(`deeper than ${MAX_FILTER_DEPTH} levels`)
    expect(parseError('('.repeat(2000)).message).toContain('deeper than')
    expect(parseError(`${'not '.repeat(1000)}(id eq 'a')`).message).toContain('deeper than')
  })

  it(`refuses expressions longer than ${MAX_FILTER_LENGTH} characters`, () => {
    const long = `id eq '${'x'.repeat(MAX_FILTER_LENGTH)}'`
    expect(parseError(long).message).toContain(`longer than ${MAX_FILTER_LENGTH}`)
  })

  it('parses a long flat chain without deep recursion', () => {
    const chain = Array.from({ length: 200 }, (_, i) => `id eq '${i}'`).join(' or ')
    const tree = parseFilter(chain)
    expect(tree.kind === 'or' && tree.operands.length).toBe(200)
  })
})

import { ODataQueryError } from './query-error.js'

/**
 * Tokens of OData's URL expression syntax, shared by $filter, $orderby, $select and function calls.
 * Keywords (`and`, `eq`, `asc`, `null`…) are plain words: only the parser knows where they are keywords.
 */
export type Token =
  | { kind: 'word'; text: string; position: number }
  | { kind: 'string'; value: string; position: number }
  | { kind: 'typed'; typeName: string; value: string; position: number }
  | { kind: 'bare'; text: string; position: number }
  | { kind: 'punct'; text: Punct; position: number }
  | { kind: 'end'; position: number }

type Punct = '(' | ')' | ',' | '/' | '=' | '*'
type Lexed = Token | { kind: 'invalid'; detail: string; position: number }

const PUNCT = new Set<string>(['(', ')', ',', '/', '=', '*'])
const WHITESPACE = new Set([' ', '\t'])

const isWordStart = (c: string) => /[A-Za-z_]/.test(c)
const isWordPart = (c: string) => /[A-Za-z0-9_.]/.test(c)
// Unquoted literals: date-times (`2022-08-24T23:28:01.1348863Z`, `…-05:00`), numbers, GUIDs.
const isBareStart = (c: string) => /[0-9-]/.test(c)
const isBarePart = (c: string) => /[0-9A-Za-z.:+-]/.test(c)

/**
 * The tokens of `text` (the decoded value of `option`), read by a parser one at a time. A lexical error
 * is raised only when the parser reaches it, so the error reported is always the leftmost one.
 */
export class TokenStream {
  private readonly tokens: Lexed[]
  private index = 0

  constructor(
    readonly option: string,
    readonly text: string
  ) {
    this.tokens = lex(text)
  }

  peek(): Token {
    const token = this.tokens[Math.min(this.index, this.tokens.length - 1)] ?? { kind: 'end', position: 0 }
    if (token.kind === 'invalid') throw this.fail(token, token.detail)
    return token
  }

  next(): Token {
    const token = this.peek()
    this.index++
    return token
  }

  isPunct(punct: Punct): boolean {
    const token = this.peek()
    return token.kind === 'punct' && token.text === punct
  }

  fail(token: { position: number }, detail: string): ODataQueryError {
    return ODataQueryError.syntax(this.option, this.text, token.position, detail)
  }
}

/** How a token reads in an error message. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'word':
    case 'bare':
    case 'punct':
      return `'${token.text}'`
    case 'string':
      return 'a string literal'
    case 'typed':
      return `the literal ${token.typeName}'…'`
    case 'end':
      return 'the end of the expression'
  }
}

// Splits text into tokens, ending with `end`, or with `invalid` where lexing fails.
function lex(text: string): Lexed[] {
  const tokens: Lexed[] = []
  let i = 0
  const scan = (accept: (c: string) => boolean) => {
    const start = i
    while (i < text.length && accept(text.charAt(i))) i++
    return text.slice(start, i)
  }
  // Reads '…' from the opening quote; a doubled quote '' stands for one quote. Undefined if unclosed.
  const readQuoted = (): string | undefined => {
    let value = ''
    i++
    while (i < text.length) {
      const c = text.charAt(i++)
      if (c !== "'") {
        value += c
      } else if (text.charAt(i) === "'") {
        value += "'"
        i++
      } else {
        return value
      }
    }
    return undefined
  }
  while (i < text.length) {
    const c = text.charAt(i)
    const position = i
    if (WHITESPACE.has(c)) {
      i++
    } else if (PUNCT.has(c)) {
      tokens.push({ kind: 'punct', text: c as Punct, position })
      i++
    } else if (isWordStart(c) || c === "'") {
      // A name glued to a quote is a typed literal: namespace.enumType'member'.
      const typeName = scan(isWordPart)
      if (text.charAt(i) !== "'") {
        tokens.push({ kind: 'word', text: typeName, position })
        continue
      }
      const value = readQuoted()
      if (value === undefined) {
        return [
          ...tokens,
          { kind: 'invalid', detail: 'the string literal is not closed with a quote', position }
        ]
      }
      tokens.push(
        typeName ? { kind: 'typed', typeName, value, position } : { kind: 'string', value, position }
      )
    } else if (isBareStart(c)) {
      tokens.push({ kind: 'bare', text: scan(isBarePart), position })
    } else {
      return [...tokens, { kind: 'invalid', detail: `unexpected character '${c}'`, position }]
    }
  }
  return [...tokens, { kind: 'end', position: text.length }]
}

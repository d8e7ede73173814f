import { describeToken, TokenStream } from './lexer.js'

/** Parses `name, name, …` (a name may be `*`) as $select and $expand write it; repeats are dropped. */
export function parseNameList(option: string, text: string): string[] {
  const tokens = new TokenStream(option, text)
  const names = new Set<string>()
  for (;;) {
    const item = tokens.next()
    if (item.kind === 'word' || (item.kind === 'punct' && item.text === '*')) names.add(item.text)
    else throw tokens.fail(item, `expected a property name but found ${describeToken(item)}`)
    const separator = tokens.next()
    if (separator.kind === 'end') return [...names]
    if (!(separator.kind === 'punct' && separator.text === ',')) {
      throw tokens.fail(separator, `expected ',' or the end but found ${describeToken(separator)}`)
    }
  }
}

/**
 * A bad query option or function parameter. `option` names what was wrong (`$filter`, `$top`,
 * `startDateTime`…); the message always names it too, because it is what the client will read.
 */
export class ODataQueryError extends Error {
  override readonly name = 'ODataQueryError'

  constructor(
    readonly option: string,
    message: string
  ) {
    super(message)
  }

  static invalid(option: string, detail: string): ODataQueryError {
    return new ODataQueryError(option, `Invalid ${option}: ${detail}`)
  }

  static syntax(option: string, text: string, position: number, detail: string): ODataQueryError {
    return ODataQueryError.invalid(option, `syntax error at position ${position} in '${text}': ${detail}.`)
  }
}

import { GraphError } from '../errors/graph-error.js'

/**
 * Graph's 400 BadRequest for a bad query option or function parameter. `option` names what was wrong
 * (`$filter`, `$top`, `startDateTime`…); the message always names it too, as it is what the client reads.
 */
export class ODataQueryError extends GraphError {
  constructor(
    readonly option: string,
    message: string
  ) {
    super(400, 'BadRequest', message)
    this.name = 'ODataQueryError'
  }

  static invalid(option: string, detail: string): ODataQueryError {
    return new ODataQueryError(option, `Invalid ${option}: ${detail}`)
  }

  static syntax(option: string, text: string, position: number, detail: string): ODataQueryError {
    return ODataQueryError.invalid(option, `syntax error at position ${position} in '${text}': ${detail}.`)
  }
}

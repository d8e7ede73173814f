/**
 * Redis cannot serve a request now: not connected (yet, or any more), or not answering in time. Thrown by every
 * Redis-backed part of the state; the error handler answers it with a 503 and `Retry-After`, never a 500.
 */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError'

  constructor(
    /** The Redis URL without its password. */
    readonly where: string,
    /** Why, in a few words: the connection's state, or the command's error. */
    readonly reason: string
  ) {
    super(`Redis at ${where} is unavailable (${reason})`)
  }
}

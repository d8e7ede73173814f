/** A start-up option or file the server cannot use; the message names it and says how to fix it. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

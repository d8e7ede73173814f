import { parseArgs } from 'node:util'
import { ConfigError } from './config-error.js'
import {
  DEFAULT_APP_ID,
  DEFAULT_SCOPES,
  DEFAULT_TOKEN_LIFETIME,
  DEFAULT_TOKEN_TENANT,
  mintToken,
  type TokenOptions
} from './model/token.js'

export const TOKEN_HELP = `Usage: graph-lifecycle-mock token [options]

Prints a fake Graph access token (a JWT) that the mock accepts. Without options: a delegated token of the
mock's default tenant, the one that /_mock calls without ?tenant= and requests with AUTH=off use.

  --scopes "A B"       delegated permissions, space-separated (scp) (default: ${DEFAULT_SCOPES.join(' ')})
  --roles "A,B"        application permissions, comma-separated (roles); makes an app-only token (default: none)
  --tenant <id>        the tenant id, tid (default: ${DEFAULT_TOKEN_TENANT})
  --expires-in <s>     lifetime in seconds (default: ${DEFAULT_TOKEN_LIFETIME})
  --expired            a token that expired five minutes ago (default: off)

The app id (appid) is always ${DEFAULT_APP_ID}; POST /_mock/token can set another.
`

const TOKEN_OPTIONS = {
  scopes: { type: 'string' },
  roles: { type: 'string' },
  tenant: { type: 'string' },
  'expires-in': { type: 'string' },
  expired: { type: 'boolean' }
} as const

/** Every option's flag, and whether it takes no value. */
export const TOKEN_FLAGS = Object.entries(TOKEN_OPTIONS).map(([name, { type }]) => ({
  name,
  boolean: type === 'boolean'
}))

function list(value: string | undefined, separator: RegExp): string[] | undefined {
  return value === undefined ? undefined : value.split(separator).filter((item) => item !== '')
}

/** Parses the `token` command's flags into mintToken options. */
export function tokenOptions(argv: readonly string[]): TokenOptions {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({ args: [...argv], options: TOKEN_OPTIONS, strict: true }).values
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}. Run 'token --help' to list the options.`)
  }
  const expiresIn = values['expires-in'] === undefined ? undefined : Number(values['expires-in'])
  if (expiresIn !== undefined && !(Number.isInteger(expiresIn) && expiresIn > 0)) {
    throw new ConfigError(
      `Invalid value '${values['expires-in']}' for --expires-in: expected a positive integer.`
    )
  }
  return {
    scopes: list(values.scopes as string | undefined, /\s+/),
    roles: list(values.roles as string | undefined, /[\s,]+/),
    tenant: values.tenant as string | undefined,
    expiresIn,
    expired: values.expired === true
  }
}

export function runTokenCommand(argv: readonly string[]): string {
  return mintToken(tokenOptions(argv))
}

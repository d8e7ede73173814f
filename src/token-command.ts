import { parseArgs } from 'node:util'
import { ConfigError } from './config-error.js'
import { mintToken, type TokenOptions } from './model/token.js'

export const TOKEN_HELP = `Usage: graph-lifecycle-mock token [options]

Prints a fake Graph access token (a JWT) that the mock accepts.

  --scopes "A B"       delegated permissions, space-separated (scp); default LifecycleWorkflows.ReadWrite.All
  --roles "A,B"        application permissions, comma-separated (roles); makes an app-only token
  --tenant <id>        the tenant id (tid)
  --expires-in <s>     lifetime in seconds (default 3600)
  --expired            a token that has already expired
`

function list(value: string | undefined, separator: RegExp): string[] | undefined {
  return value === undefined ? undefined : value.split(separator).filter((item) => item !== '')
}

/** Parses the `token` command's flags into mintToken options. */
export function tokenOptions(argv: readonly string[]): TokenOptions {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        scopes: { type: 'string' },
        roles: { type: 'string' },
        tenant: { type: 'string' },
        'expires-in': { type: 'string' },
        expired: { type: 'boolean' }
      },
      strict: true
    }).values
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

import { parseArgs } from 'node:util'
import { type Static, type TSchema, Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { BUNDLED_FIXTURES } from './store/load-fixtures.js'

/**
 * The one definition of the server's options: each property carries its command-line flag, environment
 * variable, default and description, and `--help`, parsing and validation are all derived from it.
 */
export const ConfigSchema = Type.Object({
  port: Type.Integer({
    minimum: 0,
    maximum: 65535,
    default: 4000,
    flag: 'port',
    env: 'PORT',
    description: 'TCP port (0 picks a free one; the URL is logged)'
  }),
  host: Type.String({
    minLength: 1,
    default: '127.0.0.1',
    flag: 'host',
    env: 'HOST',
    description: 'listen address'
  }),
  fixtures: Type.String({
    minLength: 1,
    default: BUNDLED_FIXTURES,
    flag: 'fixtures',
    env: 'FIXTURES',
    description: 'a JSON file or a folder of them to seed the store'
  }),
  logLevel: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info', flag: 'log-level', env: 'LOG_LEVEL', description: 'pino log level' }
  ),
  auth: Type.Union([Type.Literal('enforce'), Type.Literal('off')], {
    default: 'enforce',
    flag: 'auth',
    env: 'AUTH',
    description: 'enforce: check the bearer token like Graph; off: no token needed'
  }),
  patchMode: Type.Union([Type.Literal('strict'), Type.Literal('partial')], {
    default: 'strict',
    flag: 'patch-mode',
    env: 'PATCH_MODE',
    description: "strict: the seed page's required properties must all be sent; partial: any subset"
  }),
  pageSize: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 100,
    flag: 'page-size',
    env: 'PAGE_SIZE',
    description: 'collection items per page without $top; the rest follow through @odata.nextLink'
  })
})

export type Config = Readonly<Static<typeof ConfigSchema>>

type OptionName = keyof Config
type Source = Readonly<Record<string, string | undefined>>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

const options = Object.entries(ConfigSchema.properties) as [OptionName, TSchema][]

function isBoolean(schema: TSchema): boolean {
  return schema.type === 'boolean'
}

function expectation(schema: TSchema): string {
  if (schema.anyOf) return `one of ${schema.anyOf.map((member: TSchema) => member.const).join(', ')}`
  if (schema.type === 'integer') return `an integer from ${schema.minimum} to ${schema.maximum}`
  if (isBoolean(schema)) return 'true or false'
  return 'a non-empty value'
}

/** Every option with its flag, variable and default, for `--help`. */
export function describeOptions(): string {
  return options
    .map(([, schema]) => {
      const flag = `--${schema.flag}${isBoolean(schema) ? '' : ' <value>'}`
      return `  ${flag.padEnd(26)} ${String(schema.env).padEnd(16)} ${schema.description} (default: ${schema.default})`
    })
    .join('\n')
}

function parseFlags(argv: readonly string[]): Record<string, string | boolean | undefined> {
  const flags = Object.fromEntries(
    options.map(([, schema]) => [schema.flag, { type: isBoolean(schema) ? 'boolean' : 'string' }] as const)
  )
  try {
    return parseArgs({ args: [...argv], options: flags, strict: true, allowPositionals: false })
      .values as Record<string, string | boolean | undefined>
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}. Run with --help to list the options.`)
  }
}

/**
 * Builds the configuration from command-line flags, then environment variables, then defaults, and
 * validates it; a bad value is a ConfigError that names the flag, the variable and what is expected.
 */
export function loadConfig(sources: { argv?: readonly string[]; env?: Source } = {}): Config {
  const flags = parseFlags(sources.argv ?? [])
  const env = sources.env ?? {}
  const config: Record<string, unknown> = {}
  for (const [name, schema] of options) {
    const raw = flags[schema.flag] ?? (env[schema.env] || undefined) ?? schema.default
    const value = typeof raw === 'string' ? Value.Convert(schema, raw.trim()) : raw
    if (!Value.Check(schema, value)) {
      throw new ConfigError(
        `Invalid value '${String(raw)}' for --${schema.flag} (${schema.env}): expected ${expectation(schema)}.`
      )
    }
    config[name] = value
  }
  return Object.freeze(config) as Config
}

/** The defaults with some options overridden, e.g. for tests and embedding. */
export function configWith(overrides: Partial<Static<typeof ConfigSchema>> = {}): Config {
  return Object.freeze({ ...loadConfig(), ...overrides })
}

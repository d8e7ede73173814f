import { parseArgs } from 'node:util'
import { type StaticDecode, type TSchema, Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { MAX_JOURNAL_SIZE } from './control/journal.js'
import { FAULT_STATUSES, parseFaultStatuses, parseLatency, parseRateLimit } from './control/options.js'
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
  // Spelled out as a tuple: a mapped array would decode to no type at all.
  logLevel: Type.Union(
    [
      Type.Literal('fatal'),
      Type.Literal('error'),
      Type.Literal('warn'),
      Type.Literal('info'),
      Type.Literal('debug'),
      Type.Literal('trace'),
      Type.Literal('silent')
    ],
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
  adminKey: Type.String({
    default: '',
    flag: 'admin-key',
    env: 'ADMIN_KEY',
    description: '/_mock calls must send this value in the header x-mock-admin-key'
  }),
  journalSize: Type.Integer({
    minimum: 1,
    maximum: MAX_JOURNAL_SIZE,
    default: 1000,
    flag: 'journal-size',
    env: 'JOURNAL_SIZE',
    description: 'how many Graph requests the journal keeps; the oldest go first'
  }),
  faultRate: Type.Number({
    minimum: 0,
    maximum: 1,
    default: 0,
    flag: 'fault-rate',
    env: 'FAULT_RATE',
    description: 'share of Graph requests (0 to 1) that fail with one of --fault-statuses'
  }),
  // Options with a syntax of their own are decoded into the value the server uses.
  faultStatuses: Type.Transform(
    Type.String({
      pattern: `^(${FAULT_STATUSES.join('|')})(\\s*,\\s*(${FAULT_STATUSES.join('|')}))*$`,
      default: FAULT_STATUSES.join(','),
      flag: 'fault-statuses',
      env: 'FAULT_STATUSES',
      expected: `a comma-separated list of ${FAULT_STATUSES.join(', ')}`,
      description: 'the statuses --fault-rate picks from'
    })
  )
    .Decode(parseFaultStatuses)
    .Encode((statuses) => statuses.join(',')),
  latencyMs: Type.Transform(
    Type.String({
      pattern: '^\\d+(\\s*-\\s*\\d+)?$',
      default: '0',
      flag: 'latency-ms',
      env: 'LATENCY_MS',
      expected: "milliseconds as 'min-max' or one number, e.g. 50-200",
      description: 'a delay added to every Graph request, drawn from min-max'
    })
  )
    .Decode(parseLatency)
    .Encode(({ min, max }) => `${min}-${max}`),
  seed: Type.Integer({
    minimum: 0,
    maximum: 2 ** 32 - 1,
    default: 0,
    flag: 'seed',
    env: 'SEED',
    description: 'seed of the random faults and latency, so that runs repeat'
  }),
  rateLimit: Type.Transform(
    Type.String({
      pattern: '^(off|[1-9]\\d*/[1-9]\\d*(ms|s|m|h))$',
      default: 'off',
      flag: 'rate-limit',
      env: 'RATE_LIMIT',
      expected: "'off' or requests per window such as 100/10s (window in ms, s, m or h)",
      description: 'throttle each tenant and app to N requests per window with 429'
    })
  )
    .Decode(parseRateLimit)
    .Encode((limit) => (limit === undefined ? 'off' : `${limit.limit}/${limit.windowMs}ms`))
})

export type Config = Readonly<StaticDecode<typeof ConfigSchema>>

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
  if (typeof schema.expected === 'string') return schema.expected
  if (schema.anyOf) return `one of ${schema.anyOf.map((member: TSchema) => member.const).join(', ')}`
  if (schema.type === 'integer') return `an integer from ${schema.minimum} to ${schema.maximum}`
  if (schema.type === 'number') return `a number from ${schema.minimum} to ${schema.maximum}`
  if (isBoolean(schema)) return 'true or false'
  return 'a non-empty value'
}

/** Every option with its flag, variable and default, for `--help`. */
export function describeOptions(): string {
  return options
    .map(([, schema]) => {
      const flag = `--${schema.flag}${isBoolean(schema) ? '' : ' <value>'}`
      const fallback = schema.default === '' ? 'none' : schema.default
      return `  ${flag.padEnd(26)} ${String(schema.env).padEnd(16)} ${schema.description} (default: ${fallback})`
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
    const invalid = (why: string) =>
      new ConfigError(`Invalid value '${String(raw)}' for --${schema.flag} (${schema.env}): ${why}.`)
    if (!Value.Check(schema, value)) throw invalid(`expected ${expectation(schema)}`)
    try {
      config[name] = Value.Decode(schema, value)
    } catch (error) {
      throw invalid((error as Error).message)
    }
  }
  return Object.freeze(config) as Config
}

/** The defaults with some options overridden, e.g. for tests and embedding. */
export function configWith(overrides: Partial<Config> = {}): Config {
  return Object.freeze({ ...loadConfig(), ...overrides })
}

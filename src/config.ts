import { parseArgs } from 'node:util'
import { KindGuard, type StaticDecode, type TSchema, Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { ConfigError } from './config-error.js'
import { FAULT_STATUSES, type FaultStatus, MAX_DELAY_MS } from './model/control/fault-rule.js'
import { MAX_JOURNAL_SIZE } from './model/control/journal-entry.js'
import { BUNDLED_FIXTURES } from './package-files.js'
import { DEFAULT_MAX_TENANTS } from './store/tenant-limit.js'

// The syntaxes of the options for faults, latency and throttling, decoded into the values the server uses.
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** `500, 503` → [500, 503]; the config schema has checked the syntax. */
function parseFaultStatuses(text: string): FaultStatus[] {
  return text.split(',').map((status) => Number(status.trim()) as FaultStatus)
}

/** `50-200` → { min: 50, max: 200 }; `100` → { min: 100, max: 100 }. */
function parseLatency(text: string): { min: number; max: number } {
  const [min = 0, max = min] = text.split('-').map((part) => Number(part.trim()))
  if (min > max) throw new Error(`the minimum ${min} is above the maximum ${max}`)
  if (max > MAX_DELAY_MS) throw new Error(`delays are limited to ${MAX_DELAY_MS} ms`)
  return { min, max }
}

/** `100/10s` → { limit: 100, windowMs: 10000 }; `off` → undefined. */
function parseRateLimit(text: string): { limit: number; windowMs: number } | undefined {
  const match = /^(\d+)\/(\d+)(ms|s|m|h)$/.exec(text)
  if (match === null) return undefined
  const [, limit, amount, unit = 's'] = match
  return { limit: Number(limit), windowMs: Number(amount) * (UNIT_MS[unit] ?? 1000) }
}

// A DNS name (wildcards allowed) or an IP address: anything with a scheme, a port or a path is a mistake.
const HOST_NAME = '^(?:[A-Za-z0-9*_-]+(?:\\.[A-Za-z0-9_-]+)*|[0-9A-Fa-f:.]+)$'

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
  pageSize: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 100,
    flag: 'page-size',
    env: 'PAGE_SIZE',
    description: 'collection items per page without $top; the rest follow through @odata.nextLink'
  }),
  tls: Type.Boolean({
    default: false,
    flag: 'tls',
    env: 'TLS',
    description: 'serve HTTPS with a certificate made at start-up for localhost, 127.0.0.1 and ::1'
  }),
  tlsHostnames: Type.Array(Type.String({ pattern: HOST_NAME }), {
    default: [],
    flag: 'tls-hostnames',
    env: 'TLS_HOSTNAMES',
    description: 'more names for that certificate, comma-separated (e.g. graph-mock)'
  }),
  tlsCert: Type.Optional(
    Type.String({
      minLength: 1,
      flag: 'tls-cert',
      env: 'TLS_CERT',
      description: 'serve this certificate file (PEM) instead of a generated one'
    })
  ),
  tlsKey: Type.Optional(
    Type.String({
      minLength: 1,
      flag: 'tls-key',
      env: 'TLS_KEY',
      description: 'the private key file (PEM) of --tls-cert'
    })
  ),
  tlsCertOut: Type.Optional(
    Type.String({
      minLength: 1,
      flag: 'tls-cert-out',
      env: 'TLS_CERT_OUT',
      description: 'write the certificate (PEM) to this file, for clients to trust'
    })
  ),
  adminKey: Type.String({
    default: '',
    flag: 'admin-key',
    env: 'ADMIN_KEY',
    description: '/_mock calls must send this value in the header x-mock-admin-key'
  }),
  journalSize: Type.Integer({
    minimum: 0,
    maximum: MAX_JOURNAL_SIZE,
    default: 1000,
    flag: 'journal-size',
    env: 'JOURNAL_SIZE',
    description:
      'how many Graph requests the journal keeps, the oldest go first; 0 turns it (and the report) off'
  }),
  reportOut: Type.Optional(
    Type.String({
      minLength: 1,
      flag: 'report-out',
      env: 'REPORT_OUT',
      description:
        'on shutdown, write the report of /_mock/report to this file (Markdown if it ends in .md, else JSON)'
    })
  ),
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
    .Encode((limit) => (limit === undefined ? 'off' : `${limit.limit}/${limit.windowMs}ms`)),
  stateFile: Type.Optional(
    Type.String({
      minLength: 1,
      flag: 'state-file',
      env: 'STATE_FILE',
      description:
        'restore the state from this snapshot file at start when it exists; write it on shutdown and on POST /_mock/snapshot/save'
    })
  ),
  maxTenants: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: DEFAULT_MAX_TENANTS,
    flag: 'max-tenants',
    env: 'MAX_TENANTS',
    description:
      "tenants that may hold their own copy of the data at once; past it, a new tenant's write answers 507"
  }),
  redisUrl: Type.Optional(
    Type.String({
      // Host (with user, password, port) and an optional database number; no query options.
      pattern: '^rediss?://[^\\s/?#]+(/\\d{1,5})?/?$',
      flag: 'redis-url',
      env: 'REDIS_URL',
      secret: true,
      expected: 'a redis:// or rediss:// URL with an optional database number, e.g. redis://127.0.0.1:6379/0',
      description:
        'keep all the state (records, journal, fault rules, throttling) in this Redis, for replicas'
    })
  ),
  redisPrefix: Type.String({
    // No whitespace, and no glob characters: the prefix is part of the patterns that find a tenant's keys.
    pattern: '^[^\\s*?\\[\\]\\\\]{1,64}$',
    default: 'glm:',
    flag: 'redis-prefix',
    env: 'REDIS_PREFIX',
    expected: 'up to 64 characters without spaces or any of * ? [ ] \\',
    description: 'prefix of every Redis key, so that several mocks can share one Redis database'
  })
})

export type Config = Readonly<StaticDecode<typeof ConfigSchema>>

type OptionName = keyof Config
type Source = Readonly<Record<string, string | undefined>>

export { ConfigError }

const options = Object.entries(ConfigSchema.properties) as [OptionName, TSchema][]

/** How messages name an option: its flag and its variable, e.g. `--tls-cert (TLS_CERT)`. */
export function optionLabel(name: OptionName): string {
  const schema = ConfigSchema.properties[name]
  return `--${schema.flag} (${schema.env})`
}

function isBoolean(schema: TSchema): boolean {
  return schema.type === 'boolean'
}

function expectation(schema: TSchema): string {
  if (typeof schema.expected === 'string') return schema.expected
  if (schema.anyOf) return `one of ${schema.anyOf.map((member: TSchema) => member.const).join(', ')}`
  if (schema.type === 'integer') return `an integer from ${schema.minimum} to ${schema.maximum}`
  if (schema.type === 'number') return `a number from ${schema.minimum} to ${schema.maximum}`
  if (isBoolean(schema)) return 'true, false, 1 or 0'
  if (schema.type === 'array') return 'host names or IP addresses, comma-separated'
  return 'a non-empty value'
}

function defaultOf(schema: TSchema): string {
  const value = schema.default as unknown
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
    ? 'none'
    : String(value)
}

/** A flag's or variable's text as the option's type: lists are comma-separated, the rest TypeBox converts. */
function fromText(schema: TSchema, text: string): unknown {
  if (schema.type === 'array') {
    return text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '')
  }
  return Value.Convert(schema, text.trim())
}

/** Every option's flag, and whether it takes no value. */
export const CONFIG_FLAGS = options.map(([, schema]) => ({
  name: String(schema.flag),
  boolean: isBoolean(schema)
}))

/** Every option with its flag, variable and default, for `--help`. */
export function describeOptions(): string {
  return options
    .map(([, schema]) => {
      const flag = `--${schema.flag}${isBoolean(schema) ? '' : ' <value>'}`
      return `  ${flag.padEnd(26)} ${String(schema.env).padEnd(16)} ${schema.description} (default: ${defaultOf(schema)})`
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
    const raw = flags[schema.flag] ?? (env[schema.env] || undefined) ?? Value.Clone(schema.default)
    if (raw === undefined && KindGuard.IsOptional(schema)) continue
    const value = typeof raw === 'string' ? fromText(schema, raw) : raw
    // A value that may hold a password (a Redis URL) is not repeated on the terminal.
    const shown = schema.secret === true ? '' : ` '${String(raw)}'`
    const invalid = (why: string) =>
      new ConfigError(`Invalid value${shown} for ${optionLabel(name)}: ${why}.`)
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

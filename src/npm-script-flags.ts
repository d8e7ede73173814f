import { parseArgs } from 'node:util'
import { ConfigError } from './config-error.js'

/** A command-line option: its name without dashes, and whether it takes no value. */
export interface FlagSpec {
  name: string
  boolean: boolean
}

type Env = Readonly<Record<string, string | undefined>>

/** How the user ran the npm script: `npm start`, `npm test`, or `npm run <name>`. */
function npmCommand(event: string): string {
  return ['start', 'test', 'stop', 'restart'].includes(event) ? `npm ${event}` : `npm run ${event}`
}

function quoted(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`
}

function envName(flag: FlagSpec): string {
  return `npm_config_${flag.name.replaceAll('-', '_')}`
}

/** The arguments that are no option nor an option's value, in order. */
function strayArguments(flags: readonly FlagSpec[], argv: readonly string[]): string[] {
  const options = Object.fromEntries(
    flags.map((flag) => [flag.name, { type: flag.boolean ? 'boolean' : 'string' }] as const)
  )
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true
  })
  return tokens.flatMap((token) => (token.kind === 'positional' ? [token.value] : []))
}

/**
 * Options written before `--` in an npm script (`npm start --port 4002`) go to npm, not to the mock: npm keeps
 * each as the variable `npm_config_<name>` (`true` when it did not take the value, which then arrives here as a
 * stray argument). Rather than serve without them, start-up stops with the command that passes them on.
 */
export function checkNpmKeptFlags(flags: readonly FlagSpec[], argv: readonly string[], env: Env): void {
  const event = env.npm_lifecycle_event
  if (event === undefined) return
  const kept = flags.filter((flag) => env[envName(flag)] !== undefined)
  if (kept.length === 0) return
  // Only with one option missing its value is it certain which stray argument was that value.
  const valueless = kept.filter((flag) => !flag.boolean && env[envName(flag)] === 'true')
  const stray = valueless.length === 1 ? strayArguments(flags, argv)[0] : undefined
  const parts = kept.map((flag) => {
    const value = env[envName(flag)] ?? ''
    if (flag.boolean) return `--${flag.name}`
    if (value !== 'true') return `--${flag.name} ${quoted(value)}`
    return `--${flag.name} ${stray === undefined ? '<value>' : quoted(stray)}`
  })
  const strayIndex = stray === undefined ? -1 : argv.indexOf(stray)
  const rest = argv.filter((_arg, index) => index !== strayIndex).map(quoted)
  const command = [npmCommand(event), '--', ...parts, ...rest].join(' ')
  throw new ConfigError(
    `npm kept ${kept.map((flag) => `--${flag.name}`).join(', ')} for itself (options before '--' are npm's), ` +
      `so the mock never saw ${kept.length === 1 ? 'it' : 'them'}. Run: ${command}`
  )
}

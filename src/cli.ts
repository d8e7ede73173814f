#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8'
import closeWithGrace from 'close-with-grace'
import { CONFIG_FLAGS, type Config, ConfigError, describeOptions, loadConfig, optionLabel } from './config.js'
import { checkNpmKeptFlags } from './npm-script-flags.js'
import { packageVersion } from './package-files.js'
import { buildServer } from './server.js'
import { FixtureError } from './store/seed/load-fixtures.js'
import { certificateNames } from './tls/certificate.js'
import { resolveTls } from './tls/resolve-tls.js'
import { runTokenCommand, TOKEN_FLAGS, TOKEN_HELP } from './token-command.js'

// V8 lets the old generation grow to several times what is live before collecting it: journal entries outlive
// the young generation, so their garbage piled up there under load (peak RSS ≈150–175 MB for ≈20 MB live), and
// loading 100k fixture records peaked at ≈285 MB. Grown by 25 % instead, from the first module on, the 100k start
// peaks near 200 MB and the load adds less, for no CPU per request that A/B rounds can tell. V8 reads the factor
// whenever it sets the next limit, so setting it once the heap is up takes effect; the server alone (buildServer,
// embedded in a test) leaves the host process's heap as it is.
setFlagsFromString('--heap-growing-percent=25')

/**
 * Under load the young generation grew to 16 MB semi-spaces whatever the journal held. Kept at the size start-up
 * left them, the peak under load stays near 100 MB, with no CPU per request that A/B rounds can tell (bounded from
 * the very start instead, start-up scavenged more and a PATCH cost ≈15 µs more).
 */
function boundYoungGeneration(): void {
  setFlagsFromString('--semi-space-growth-factor=1')
}

/** The exit codes, as --help and docs/reliability.md list them. */
const EXIT = { ok: 0, failure: 1, refused: 2 } as const
/** How long a shutdown may take before the process exits with EXIT.failure. */
const SHUTDOWN_DELAY_MS = 4000

const HELP = `Usage: graph-lifecycle-mock [options]
       graph-lifecycle-mock token [options]   (print a token; token --help)

A local stand-in for Microsoft Graph beta userProcessingResults. Every option also reads an environment
variable; a flag wins over the variable, the variable over the default.

  option                     variable         meaning
${describeOptions()}
  --help                                      print this help
  --version                                   print the version

Run through npm, put the options after '--': npm start -- --port 4002

Exit codes:
  0  done: stopped by SIGINT or SIGTERM, or --help, --version or token printed what was asked
  1  unexpected failure: a crash while serving, a shutdown that took longer than ${SHUTDOWN_DELAY_MS / 1000} s, a bug
  2  start-up refused, with one line saying why: an unknown option or a bad value (flag or variable),
     fixtures that cannot be read or fail the schema, TLS options or files that cannot be used,
     a port in use or a host that cannot be listened on, a Redis (--redis-url) that cannot be used
`

function fail(message: string, code: number): never {
  process.stderr.write(`graph-lifecycle-mock: ${message}\n`)
  process.exit(code)
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): string {
  if (error.code === 'EADDRINUSE')
    return `Failed to start: port ${port} on ${host} is already in use. Choose another with --port or PORT.`
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
    return `Failed to start: cannot listen on host '${host}'. Check --host or HOST.`
  if (error.code === 'EACCES')
    return `Failed to start: no permission to listen on port ${port}. Choose a port above 1023.`
  return `Failed to start: ${error.message}`
}

async function serve(argv: string[]): Promise<void> {
  checkNpmKeptFlags(CONFIG_FLAGS, argv, process.env)
  const config = loadConfig({ argv, env: process.env })
  const tls = await resolveTls(config, optionLabel)
  const app = await buildServer(config, { prettyLogs: process.stdout.isTTY === true, tls })
  closeWithGrace({ delay: SHUTDOWN_DELAY_MS }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error')
    else app.log.info({ signal }, 'shutting down')
    await app.close()
  })
  let url: string
  try {
    url = await app.listen({ port: config.port, host: config.host })
  } catch (error) {
    fail(listenError(error as NodeJS.ErrnoException, config.host, config.port), EXIT.refused)
  }
  boundYoungGeneration()
  app.log.info(`graph-lifecycle-mock ready: base URL ${url}/beta (auth ${config.auth})`)
  if (tls !== undefined) app.log.info(tlsHelp(config, url))
}

/** How to trust the certificate, logged once at start-up. */
function tlsHelp(config: Config, url: string): string {
  const names =
    config.tlsCert === undefined
      ? `for ${certificateNames(config.tlsHostnames).join(', ')}`
      : `from ${config.tlsCert}`
  const file = config.tlsCertOut
  const trust =
    file === undefined
      ? `save it from ${url}/_mock/ca.pem (or start with --tls-cert-out FILE) and trust it with NODE_EXTRA_CA_CERTS or curl --cacert`
      : `written to ${file} (also at ${url}/_mock/ca.pem); trust it with NODE_EXTRA_CA_CERTS=${file} or curl --cacert ${file}`
  return `HTTPS certificate ${names}: ${trust}`
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'token') {
    if (argv.includes('--help')) process.stdout.write(TOKEN_HELP)
    else {
      checkNpmKeptFlags(TOKEN_FLAGS, argv.slice(1), process.env)
      process.stdout.write(`${runTokenCommand(argv.slice(1))}\n`)
    }
    return
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP)
    return
  }
  if (argv.includes('--version')) {
    process.stdout.write(`${packageVersion()}\n`)
    return
  }
  await serve(argv)
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof FixtureError) fail(error.message, EXIT.refused)
  fail(`Failed to start: ${(error as Error).stack ?? String(error)}`, EXIT.failure)
})

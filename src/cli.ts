#!/usr/bin/env node
import { readFileSync } from 'node:fs'
import closeWithGrace from 'close-with-grace'
import { type Config, ConfigError, describeOptions, loadConfig, optionLabel } from './config.js'
import { buildServer } from './server.js'
import { FixtureError } from './store/seed/load-fixtures.js'
import { certificateNames } from './tls/certificate.js'
import { resolveTls } from './tls/resolve-tls.js'
import { runTokenCommand, TOKEN_HELP } from './token-command.js'

const HELP = `Usage: graph-lifecycle-mock [options]
       graph-lifecycle-mock token [options]   (print a token; token --help)

A local stand-in for Microsoft Graph beta userProcessingResults. Every option also reads an environment
variable; a flag wins over the variable, the variable over the default.

  option                     variable         meaning
${describeOptions()}
  --help                                      print this help
  --version                                   print the version
`

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
  return pkg.version
}

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
  const config = loadConfig({ argv, env: process.env })
  const tls = await resolveTls(config, optionLabel)
  const app = await buildServer(config, { prettyLogs: process.stdout.isTTY === true, tls })
  closeWithGrace({ delay: 4000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error')
    else app.log.info({ signal }, 'shutting down')
    await app.close()
  })
  let url: string
  try {
    url = await app.listen({ port: config.port, host: config.host })
  } catch (error) {
    fail(listenError(error as NodeJS.ErrnoException, config.host, config.port), 1)
  }
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
    else process.stdout.write(`${runTokenCommand(argv.slice(1))}\n`)
    return
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP)
    return
  }
  if (argv.includes('--version')) {
    process.stdout.write(`${version()}\n`)
    return
  }
  await serve(argv)
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof FixtureError) fail(error.message, 2)
  fail(`Failed to start: ${(error as Error).stack ?? String(error)}`, 1)
})

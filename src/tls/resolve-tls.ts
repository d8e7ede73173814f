import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { ConfigError } from '../config-error.js'
import { generateCertificate, type TlsCredentials } from './certificate.js'

/** The HTTPS options, as plain values. */
export interface TlsConfig {
  tls: boolean
  tlsHostnames: readonly string[]
  tlsCert?: string | undefined
  tlsKey?: string | undefined
  tlsCertOut?: string | undefined
}
type TlsOption = keyof TlsConfig
/** How messages name an option, e.g. `--tls-cert (TLS_CERT)`: the configuration's own labels. */
export type OptionLabel = (option: TlsOption) => string

function checkCombination(config: TlsConfig, label: OptionLabel): void {
  if (!config.tls) {
    const given = (['tlsHostnames', 'tlsCert', 'tlsKey', 'tlsCertOut'] as const).filter((name) =>
      name === 'tlsHostnames' ? config.tlsHostnames.length > 0 : config[name] !== undefined
    )
    if (given.length > 0) {
      throw new ConfigError(
        `HTTPS options given without --tls (TLS=1): ${given.map(label).join(', ')}. Add --tls, or remove them.`
      )
    }
  }
  if ((config.tlsCert === undefined) !== (config.tlsKey === undefined)) {
    throw new ConfigError(
      `${label('tlsCert')} and ${label('tlsKey')} go together: give both, or neither to use a generated certificate.`
    )
  }
  if (config.tlsCert !== undefined && config.tlsHostnames.length > 0) {
    throw new ConfigError(
      `${label('tlsHostnames')} names the generated certificate and cannot change ${label('tlsCert')}: ` +
        'put the names in your certificate, or drop --tls-cert.'
    )
  }
}

function reasonOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message
}

async function readPem(file: string, option: 'tlsCert' | 'tlsKey', label: OptionLabel): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    throw new ConfigError(`Failed to read ${label(option)} '${file}' (${reasonOf(error)}).`)
  }
}

/** `parse(text)`, or a ConfigError saying which option's file is not what it should be. */
function parsePem<T>(
  label: OptionLabel,
  parse: (text: string) => T,
  text: string,
  option: 'tlsCert' | 'tlsKey',
  file: string,
  what: string
): T {
  try {
    return parse(text)
  } catch {
    throw new ConfigError(`Failed to use ${label(option)} '${file}': it is not ${what}.`)
  }
}

/** Reads a certificate and its key, and checks that they are PEM and belong together. */
async function readCredentials(
  certFile: string,
  keyFile: string,
  label: OptionLabel
): Promise<TlsCredentials> {
  const [cert, key] = await Promise.all([
    readPem(certFile, 'tlsCert', label),
    readPem(keyFile, 'tlsKey', label)
  ])
  const certificate = parsePem(
    label,
    (text) => new X509Certificate(text),
    cert,
    'tlsCert',
    certFile,
    'a PEM certificate'
  )
  const privateKey: KeyObject = parsePem(
    label,
    createPrivateKey,
    key,
    'tlsKey',
    keyFile,
    'an unencrypted PEM private key'
  )
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new ConfigError(
      `Failed to use ${label('tlsKey')} '${keyFile}': it is not the key of the certificate in '${certFile}'.`
    )
  }
  return { cert, key }
}

async function writeCertificate(file: string, cert: string, label: OptionLabel): Promise<void> {
  try {
    await writeFile(file, cert)
  } catch (error) {
    throw new ConfigError(
      `Failed to write the certificate to ${label('tlsCertOut')} '${file}' (${reasonOf(error)}).`
    )
  }
}

/**
 * The HTTPS credentials the configuration asks for: none without `tls`, the given files, or a certificate made
 * now; written to `tlsCertOut` when asked. Start-up problems are ConfigErrors naming the option.
 */
export async function resolveTls(config: TlsConfig, label: OptionLabel): Promise<TlsCredentials | undefined> {
  checkCombination(config, label)
  if (!config.tls) return undefined
  const credentials =
    config.tlsCert !== undefined && config.tlsKey !== undefined
      ? await readCredentials(config.tlsCert, config.tlsKey, label)
      : await generateCertificate(config.tlsHostnames)
  if (config.tlsCertOut !== undefined) await writeCertificate(config.tlsCertOut, credentials.cert, label)
  return credentials
}

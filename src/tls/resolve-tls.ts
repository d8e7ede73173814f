import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { type Config, ConfigError, optionLabel } from '../config.js'
import { generateCertificate, type TlsCredentials } from './certificate.js'

type TlsConfig = Pick<Config, 'tls' | 'tlsHostnames' | 'tlsCert' | 'tlsKey' | 'tlsCertOut'>

function checkCombination(config: TlsConfig): void {
  if (!config.tls) {
    const given = (['tlsHostnames', 'tlsCert', 'tlsKey', 'tlsCertOut'] as const).filter((name) =>
      name === 'tlsHostnames' ? config.tlsHostnames.length > 0 : config[name] !== undefined
    )
    if (given.length > 0) {
      throw new ConfigError(
        `HTTPS options given without --tls (TLS=1): ${given.map(optionLabel).join(', ')}. Add --tls, or remove them.`
      )
    }
  }
  if ((config.tlsCert === undefined) !== (config.tlsKey === undefined)) {
    throw new ConfigError(
      `${optionLabel('tlsCert')} and ${optionLabel('tlsKey')} go together: give both, or neither to use a generated certificate.`
    )
  }
  if (config.tlsCert !== undefined && config.tlsHostnames.length > 0) {
    throw new ConfigError(
      `${optionLabel('tlsHostnames')} names the generated certificate and cannot change ${optionLabel('tlsCert')}: ` +
        'put the names in your certificate, or drop --tls-cert.'
    )
  }
}

function reasonOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message
}

async function readPem(file: string, option: 'tlsCert' | 'tlsKey'): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    throw new ConfigError(`Failed to read ${optionLabel(option)} '${file}' (${reasonOf(error)}).`)
  }
}

/** `parse(text)`, or a ConfigError saying which option's file is not what it should be. */
function parsePem<T>(
  parse: (text: string) => T,
  text: string,
  option: 'tlsCert' | 'tlsKey',
  file: string,
  what: string
): T {
  try {
    return parse(text)
  } catch {
    throw new ConfigError(`Failed to use ${optionLabel(option)} '${file}': it is not ${what}.`)
  }
}

/** Reads a certificate and its key, and checks that they are PEM and belong together. */
async function readCredentials(certFile: string, keyFile: string): Promise<TlsCredentials> {
  const [cert, key] = await Promise.all([readPem(certFile, 'tlsCert'), readPem(keyFile, 'tlsKey')])
  const certificate = parsePem(
    (text) => new X509Certificate(text),
    cert,
    'tlsCert',
    certFile,
    'a PEM certificate'
  )
  const privateKey: KeyObject = parsePem(
    createPrivateKey,
    key,
    'tlsKey',
    keyFile,
    'an unencrypted PEM private key'
  )
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new ConfigError(
      `Failed to use ${optionLabel('tlsKey')} '${keyFile}': it is not the key of the certificate in '${certFile}'.`
    )
  }
  return { cert, key }
}

async function writeCertificate(file: string, cert: string): Promise<void> {
  try {
    await writeFile(file, cert)
  } catch (error) {
    throw new ConfigError(
      `Failed to write the certificate to ${optionLabel('tlsCertOut')} '${file}' (${reasonOf(error)}).`
    )
  }
}

/**
 * The HTTPS credentials the configuration asks for: none without `tls`, the given files, or a certificate made
 * now; written to `tlsCertOut` when asked. Start-up problems are ConfigErrors naming the option.
 */
export async function resolveTls(config: TlsConfig): Promise<TlsCredentials | undefined> {
  checkCombination(config)
  if (!config.tls) return undefined
  const credentials =
    config.tlsCert !== undefined && config.tlsKey !== undefined
      ? await readCredentials(config.tlsCert, config.tlsKey)
      : await generateCertificate(config.tlsHostnames)
  if (config.tlsCertOut !== undefined) await writeCertificate(config.tlsCertOut, credentials.cert)
  return credentials
}

import { createPrivateKey, X509Certificate } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError, configWith, optionLabel } from '../../src/config.js'
import { generateCertificate } from '../../src/tls/certificate.js'
import { resolveTls } from '../../src/tls/resolve-tls.js'

describe('generateCertificate', () => {
  it('makes a self-signed server certificate for the loopback names and the extra ones', async () => {
    const now = Date.now()
    const { cert, key } = await generateCertificate(['graph-mock', '10.1.2.3', 'localhost'], now)
    const certificate = new X509Certificate(cert)
    expect(certificate.subjectAltName).toBe(
      'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:graph-mock, IP Address:10.1.2.3'
    )
    expect(certificate.checkHost('graph-mock')).toBe('graph-mock')
    expect(certificate.checkIP('::1')).toBe('::1')
    expect(certificate.checkHost('example.com')).toBeUndefined()
    expect(certificate.ca).toBe(false)
    expect(certificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1'])
    expect(certificate.verify(certificate.publicKey)).toBe(true)
    expect(certificate.checkPrivateKey(createPrivateKey(key))).toBe(true)
    expect(new Date(certificate.validFrom).getTime()).toBeLessThan(now)
    expect(new Date(certificate.validTo).getTime()).toBeGreaterThan(now + 30 * 24 * 3600 * 1000)
    expect(cert.endsWith('-----END CERTIFICATE-----\n')).toBe(true)
  })

  it('makes a new key every time', async () => {
    const [first, second] = await Promise.all([generateCertificate(), generateCertificate()])
    expect(first.key).not.toBe(second.key)
  })
})

describe('resolveTls', () => {
  let dir: string
  const tlsConfig = (overrides: Parameters<typeof configWith>[0]) => configWith({ tls: true, ...overrides })

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'graph-mock-tls-'))
  })
  afterEach(async () => rm(dir, { recursive: true, force: true }))

  async function writePair(name: string) {
    const credentials = await generateCertificate()
    const cert = join(dir, `${name}.crt`)
    const key = join(dir, `${name}.key`)
    await writeFile(cert, credentials.cert)
    await writeFile(key, credentials.key)
    return { cert, key, credentials }
  }

  it('gives nothing when TLS is off', async () => {
    expect(await resolveTls(configWith(), optionLabel)).toBeUndefined()
  })

  it('generates a certificate with the extra names and writes it to --tls-cert-out', async () => {
    const out = join(dir, 'ca.pem')
    const credentials = await resolveTls(
      tlsConfig({ tlsHostnames: ['graph-mock'], tlsCertOut: out }),
      optionLabel
    )
    expect(new X509Certificate(credentials?.cert ?? '').checkHost('graph-mock')).toBe('graph-mock')
    expect(await readFile(out, 'utf8')).toBe(credentials?.cert)
  })

  it('uses the given certificate and key files', async () => {
    const { cert, key, credentials } = await writePair('given')
    expect(await resolveTls(tlsConfig({ tlsCert: cert, tlsKey: key }), optionLabel)).toEqual(credentials)
  })

  it.each([
    [
      { tls: false, tlsCertOut: 'x.pem' },
      'HTTPS options given without --tls (TLS=1): --tls-cert-out (TLS_CERT_OUT). Add --tls, or remove them.'
    ],
    [
      { tls: false, tlsHostnames: ['a'], tlsKey: 'k' },
      'without --tls (TLS=1): --tls-hostnames (TLS_HOSTNAMES), --tls-key (TLS_KEY).'
    ],
    [{ tls: true, tlsCert: 'c' }, '--tls-cert (TLS_CERT) and --tls-key (TLS_KEY) go together'],
    [{ tls: true, tlsCert: 'c', tlsKey: 'k', tlsHostnames: ['a'] }, 'cannot change --tls-cert (TLS_CERT)']
  ])('refuses the combination %j', async (overrides, message) => {
    const error = await resolveTls(configWith(overrides), optionLabel).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toContain(message)
  })

  it('names the option and the file it cannot read', async () => {
    const { key } = await writePair('given')
    const missing = join(dir, 'missing.crt')
    await expect(resolveTls(tlsConfig({ tlsCert: missing, tlsKey: key }), optionLabel)).rejects.toThrow(
      new ConfigError(`Failed to read --tls-cert (TLS_CERT) '${missing}' (ENOENT).`)
    )
  })

  it('refuses files that are not PEM, and a key of another certificate', async () => {
    const one = await writePair('one')
    const other = await writePair('other')
    await expect(resolveTls(tlsConfig({ tlsCert: one.key, tlsKey: one.key }), optionLabel)).rejects.toThrow(
      'it is not a PEM certificate'
    )
    await expect(resolveTls(tlsConfig({ tlsCert: one.cert, tlsKey: one.cert }), optionLabel)).rejects.toThrow(
      'it is not an unencrypted PEM private key'
    )
    await expect(
      resolveTls(tlsConfig({ tlsCert: one.cert, tlsKey: other.key }), optionLabel)
    ).rejects.toThrow(`it is not the key of the certificate in '${one.cert}'`)
  })

  it('says where it failed to write the certificate', async () => {
    const out = join(dir, 'no-such-folder', 'ca.pem')
    await expect(resolveTls(tlsConfig({ tlsCertOut: out }), optionLabel)).rejects.toThrow(
      new ConfigError(`Failed to write the certificate to --tls-cert-out (TLS_CERT_OUT) '${out}' (ENOENT).`)
    )
  })
})

import { KeyObject, webcrypto } from 'node:crypto'
import { isIP } from 'node:net'
import {
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509CertificateGenerator
} from '@peculiar/x509'

/** What an HTTPS server needs: a certificate (PEM, possibly a chain) and its private key (PEM). */
export interface TlsCredentials {
  cert: string
  key: string
}

/** The names every generated certificate covers, so that loopback URLs work without configuration. */
export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'] as const

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
const DAY_MS = 24 * 60 * 60 * 1000
const VALIDITY_DAYS = 90
// A client whose clock is a little behind (a container, a VM) must not see a certificate from the future.
const BACKDATE_MS = 60 * 60 * 1000
const crypto = webcrypto as unknown as Crypto

function alternativeName(name: string) {
  return isIP(name) === 0 ? { type: 'dns' as const, value: name } : { type: 'ip' as const, value: name }
}

/** The loopback names followed by the extra ones, each once. */
export function certificateNames(extraNames: readonly string[] = []): string[] {
  return [...new Set([...LOOPBACK_NAMES, ...extraNames])]
}

/**
 * Makes a self-signed server certificate (ECDSA P-256) for the loopback names and `extraNames`. It is its own
 * trust anchor: a client trusts it by adding this one PEM to its CA list.
 */
export async function generateCertificate(
  extraNames: readonly string[] = [],
  now = Date.now()
): Promise<TlsCredentials> {
  const keys = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])
  const certificate = await X509CertificateGenerator.createSelfSigned(
    {
      name: 'CN=graph-lifecycle-mock',
      notBefore: new Date(now - BACKDATE_MS),
      notAfter: new Date(now + VALIDITY_DAYS * DAY_MS),
      keys,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new BasicConstraintsExtension(false, undefined, true),
        new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
        new ExtendedKeyUsageExtension([ExtendedKeyUsage.serverAuth]),
        new SubjectAlternativeNameExtension(certificateNames(extraNames).map(alternativeName)),
        await SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto)
      ]
    },
    crypto
  )
  const key = KeyObject.from(keys.privateKey).export({ type: 'pkcs8', format: 'pem' }).toString()
  return { cert: `${certificate.toString('pem')}\n`, key }
}

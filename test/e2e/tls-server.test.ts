import { Agent } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { configWith } from '../../src/config.js'
import { PLAIN_HTTP_ON_TLS_HINT } from '../../src/graph/errors/graph-error.js'
import { buildServer } from '../../src/server.js'
import { generateCertificate } from '../../src/tls/certificate.js'
import { type ListeningServer, startListeningServer } from '../helpers/listening-server.js'
import { exchange, parseAnswer } from '../helpers/raw-http.js'

describe('HTTPS', () => {
  let server: ListeningServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  it('serves HTTPS with the certificate it hands out at /_mock/ca.pem', async () => {
    server = await startListeningServer({ auth: 'enforce', tls: true })
    const response = await fetch(`${server.origin}/_mock/ca.pem`, {
      dispatcher: server.dispatcher
    } as RequestInit)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/x-pem-file')
    const pem = await response.text()
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/)

    // The handed-out PEM is all a client needs to trust the server, at 127.0.0.1 as at localhost.
    const trusting = new Agent({ connect: { ca: pem } })
    const health = await fetch(`https://127.0.0.1:${server.port}/_mock/health`, {
      dispatcher: trusting
    } as RequestInit)
    expect(await health.json()).toEqual({ status: 'ok', backend: 'memory' })
    await trusting.close()
  })

  it('is refused by a client that does not trust the certificate', async () => {
    server = await startListeningServer({ auth: 'enforce', tls: true })
    const error = await fetch(`${server.origin}/_mock/health`).catch((thrown: Error) => thrown)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error & { cause?: { code?: string } }).cause?.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT')
  })

  it('answers plain HTTP on the TLS port with a 400 that says to use https://, and logs that once', async () => {
    const lines: { level: number; hint?: string }[] = []
    const app = await buildServer(configWith({ logLevel: 'info' }), {
      tls: await generateCertificate(),
      logStream: { write: (line: string) => lines.push(JSON.parse(line)) }
    })
    try {
      const port = Number(new URL(await app.listen({ port: 0, host: '127.0.0.1' })).port)
      // PATCH is an HTTP request line to Node 24's OpenSSL, and bytes that are not TLS to Node 20's: both answered.
      for (const method of ['GET', 'PATCH', 'POST']) {
        const answer = parseAnswer(
          await exchange(port, `${method} /_mock/health HTTP/1.1\r\nHost: x\r\n\r\n`)
        )
        expect(answer?.status).toBe(400)
        expect(answer?.headers['content-type']).toBe('application/json')
        expect(JSON.parse(answer?.body ?? '{}').error).toMatchObject({
          code: 'BadRequest',
          message: PLAIN_HTTP_ON_TLS_HINT
        })
      }
      const warnings = lines.filter((line) => line.hint === PLAIN_HTTP_ON_TLS_HINT)
      expect(warnings).toHaveLength(1)
      expect(warnings[0]?.level).toBe(40)
      // The port still serves HTTPS.
      const trusting = new Agent({ connect: { ca: (await app.inject({ url: '/_mock/ca.pem' })).body } })
      const health = await fetch(`https://localhost:${port}/_mock/health`, {
        dispatcher: trusting
      } as RequestInit)
      expect(health.status).toBe(200)
      await trusting.close()
    } finally {
      await app.close()
    }
  })
})

describe('GET /_mock/ca.pem without TLS', () => {
  it('answers a Graph 404 that says how to turn HTTPS on', async () => {
    const app = await buildServer(configWith({ logLevel: 'silent' }))
    const response = await app.inject({ method: 'GET', url: '/_mock/ca.pem' })
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    const { error } = response.json()
    expect(error.code).toBe('NotFound')
    expect(error.message).toContain('--tls (TLS=1)')
    expect(error.innerError['request-id']).toBe(response.headers['request-id'])
    await app.close()
  })

  it('serves the certificate it was given, even through inject', async () => {
    const tls = await generateCertificate()
    const app = await buildServer(configWith({ logLevel: 'silent' }), { tls })
    const response = await app.inject({ method: 'GET', url: '/_mock/ca.pem' })
    expect(response.body).toBe(tls.cert)
    await app.close()
  })
})

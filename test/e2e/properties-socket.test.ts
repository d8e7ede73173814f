import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rawRequest } from '../helpers/arbitraries/raw-request.js'
import { bearer, READ, SEED_PATH, type TestServer, testServer } from '../helpers/graph-server.js'
import { SEED } from '../helpers/property-checks.js'
import { exchange, parseAnswer } from '../helpers/raw-http.js'

describe('hostile bytes on a real socket', () => {
  let server: TestServer
  let port: number
  beforeAll(async () => {
    // A short request timeout, so that a request announcing more body than it sends ends quickly.
    server = await testServer({}, { limits: { requestTimeout: 1_000, connectionsCheckingInterval: 100 } })
    port = Number(new URL(await server.app.listen({ port: 0, host: '127.0.0.1' })).port)
  })
  afterAll(async () => {
    await server.app.close()
  })

  it('never answer 5xx or a non-Graph error body, change nothing, and leave the server answering', async () => {
    const before = await server.snapshot()
    await fc.assert(
      fc.asyncProperty(rawRequest, async (bytes) => {
        const text = await exchange(port, bytes)
        expect(text).not.toMatch(/^HTTP\/1\.[01] 5\d\d/m)
        const answer = parseAnswer(text)
        if (answer !== undefined && answer.status >= 400) {
          expect(answer.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/)
          // A HEAD answer announces a body it does not send.
          if (!bytes.subarray(0, 5).equals(Buffer.from('HEAD ')))
            expect(JSON.parse(answer.body).error.code).toBeTypeOf('string')
        }
        const probe = await fetch(`http://127.0.0.1:${port}${SEED_PATH}`, {
          headers: { authorization: bearer({ scopes: [READ] }) }
        })
        expect(probe.status).toBe(200)
        await probe.arrayBuffer()
        // Without a token nothing may be written; the store must be exactly as before.
        expect(await server.snapshot()).toEqual(before)
      }),
      { seed: SEED, numRuns: 200 }
    )
  })
})

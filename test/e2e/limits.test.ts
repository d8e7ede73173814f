import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterEach, describe, expect, it } from 'vitest'
import type { ServerLimits } from '../../src/limits.js'
import { bearer, DOC_ID, SEED_PATH, type TestServer, testServer, validBody } from '../helpers/graph-server.js'
import { exchange, openConnection, parseAnswer, requestHead } from '../helpers/raw-http.js'

let server: TestServer | undefined
afterEach(async () => {
  await server?.app.close()
  server = undefined
})

/** A listening server with some limits tightened, so that a test waits under a second instead of a minute. */
async function listening(limits: Partial<ServerLimits> = {}) {
  server = await testServer({}, { limits })
  const port = Number(new URL(await server.app.listen({ port: 0, host: '127.0.0.1' })).port)
  return { server, port }
}

const body = JSON.stringify(validBody())
const patchHead = requestHead('PATCH', SEED_PATH, {
  authorization: bearer(),
  'content-type': 'application/json',
  'content-length': body.length
})

function expectEnvelope(text: string, status: number, code: string) {
  const answer = parseAnswer(text)
  expect(answer?.status).toBe(status)
  expect(answer?.headers['content-type']).toMatch(/^application\/json/)
  expect(answer?.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/)
  const { error } = JSON.parse(answer?.body ?? '')
  expect(error.code).toBe(code)
  expect(error.innerError['request-id']).toBe(answer?.headers['request-id'])
  return error.message as string
}

describe('defaults', () => {
  it('puts the timeouts on the Node server the CLI runs (header size: see sizes), headers and body alike', async () => {
    server = await testServer()
    const node = server.app.server
    expect(node.requestTimeout).toBe(30_000)
    // Node times out a body only when headersTimeout is not longer than requestTimeout.
    expect(node.headersTimeout).toBe(30_000)
    expect(node.timeout).toBe(60_000)
    expect(node.keepAliveTimeout).toBe(72_000)
  })
})

describe('a client that stalls', () => {
  it('mid-body is answered 408 with the envelope and cut off at requestTimeout', async () => {
    const { server, port } = await listening({ requestTimeout: 300, connectionsCheckingInterval: 50 })
    const before = await server.snapshot()
    const { closed } = await openConnection(port, patchHead + body.slice(0, 20))
    const message = expectEnvelope(await closed, 408, 'RequestTimeout')
    expect(message).toContain('0.3 seconds')
    expect(await server.snapshot()).toEqual(before)
  })

  it('trickling its body a byte at a time is cut off as well (the timeout covers the whole request)', async () => {
    const { server, port } = await listening({ requestTimeout: 300, connectionsCheckingInterval: 50 })
    const before = await server.snapshot()
    const { socket, closed } = await openConnection(port, patchHead)
    let open = true
    closed.then(() => {
      open = false
    })
    // Bounded: far more bytes than the timeout lets through, never the whole body.
    for (let sent = 0; open && sent < Math.min(body.length - 1, 200); sent++) {
      socket.write(body.charAt(sent))
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    expectEnvelope(await closed, 408, 'RequestTimeout')
    expect(await server.snapshot()).toEqual(before)
  })

  it('in its headers (slowloris) is answered 408 and cut off', async () => {
    const { port } = await listening({ requestTimeout: 300, connectionsCheckingInterval: 50 })
    const { closed } = await openConnection(port, `GET ${SEED_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `)
    expectEnvelope(await closed, 408, 'RequestTimeout')
  })

  it('silent for connectionTimeout loses its socket even before requestTimeout', async () => {
    const { port } = await listening({ connectionTimeout: 200, requestTimeout: 60_000 })
    const { closed } = await openConnection(port, patchHead)
    expect(await closed).toBe('')
  })

  it('idle between requests on a kept-alive connection loses it after keepAliveTimeout', async () => {
    const { port } = await listening({ keepAliveTimeout: 200 })
    const { closed } = await openConnection(
      port,
      requestHead('GET', SEED_PATH, { authorization: bearer(), connection: 'keep-alive' })
    )
    const answer = parseAnswer(await closed)
    expect(answer?.status).toBe(200)
    expect(answer?.headers.connection).toBe('keep-alive')
  })
})

describe('sizes', () => {
  it('answers headers over maxHeaderSize with a 431 envelope, and takes a 24 KiB token below it', async () => {
    const { port } = await listening()
    const tooLarge = requestHead('GET', SEED_PATH, { 'x-padding': 'a'.repeat(33 * 1024) })
    const message = expectEnvelope(await exchange(port, tooLarge), 431, 'RequestHeaderFieldsTooLarge')
    expect(message).toContain('32768 bytes')
    const response = await fetch(`http://127.0.0.1:${port}${SEED_PATH}`, {
      headers: { authorization: bearer(), 'x-group-claims': 'g'.repeat(24 * 1024) }
    })
    expect(response.status).toBe(200)
  })

  it('answers a chunked body that grows past 4 MiB with a 413 envelope and stores nothing', async () => {
    const { server, port } = await listening()
    const before = await server.snapshot()
    const chunk = `${'x'.repeat(64 * 1024)}`
    const head = requestHead('PATCH', SEED_PATH, {
      authorization: bearer(),
      'content-type': 'application/json',
      'transfer-encoding': 'chunked'
    })
    const chunks = Array.from({ length: 80 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`)
    const text = await exchange(port, `${head}${chunks.join('')}0\r\n\r\n`)
    expectEnvelope(text, 413, 'RequestEntityTooLarge')
    expect(await server.snapshot()).toEqual(before)
  })
})

describe('what Node and Fastify would answer in their own shape', () => {
  it('answers bytes that are not HTTP with a 400 envelope instead of Fastify’s shape', async () => {
    const { port } = await listening()
    const message = expectEnvelope(await exchange(port, 'hello\r\n\r\n'), 400, 'BadRequest')
    expect(message).toContain('not valid HTTP/1.1')
  })

  it('serves an HTTP/1.1 request without Host instead of Node’s empty 400', async () => {
    const { port } = await listening()
    const answer = parseAnswer(
      await exchange(port, `GET ${SEED_PATH} HTTP/1.1\r\nAuthorization: ${bearer()}\r\n\r\n`)
    )
    expect(answer?.status).toBe(200)
    expect(JSON.parse(answer?.body ?? '').id).toBe(DOC_ID)
  })
})

describe('a flood of unknown paths', () => {
  it('does not grow the heap: no route table, cache or log keeps anything per URL', async () => {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    server = await testServer()
    const app = server.app
    const flood = async (from: number, count: number) => {
      for (let batch = from; batch < from + count; batch += 100) {
        await Promise.all(
          Array.from({ length: 100 }, (_, index) =>
            app.inject({
              method: 'GET',
              url: `/flood-${batch + index}/${'x'.repeat(2000)}?q=${batch + index}`
            })
          )
        )
      }
    }
    // inject() finishes its streams in callbacks of later event-loop turns, and until they ran the requests are
    // still referenced: the smallest heap over a few turns is what stays.
    const heapAfterGc = async () => {
      let smallest = Number.POSITIVE_INFINITY
      for (let turn = 0; turn < 5; turn++) {
        await new Promise((resolve) => setTimeout(resolve, 20))
        gc()
        smallest = Math.min(smallest, process.memoryUsage().heapUsed)
      }
      return smallest
    }
    await flood(0, 2_000)
    const before = await heapAfterGc()
    await flood(2_000, 10_000)
    const grown = (await heapAfterGc()) - before
    // Keeping as little as the URL of each request would take 20 MB.
    expect(grown).toBeLessThan(5 * 1024 * 1024)
    const answer = await app.inject({ method: 'GET', url: '/flood-0/x' })
    expect(answer.statusCode).toBe(400)
  })
})

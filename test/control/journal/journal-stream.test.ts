import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { configWith } from '../../../src/config.js'
import type { JournalEntry } from '../../../src/model/control/journal-entry.js'
import { buildServer } from '../../../src/server.js'
import { bothBackends } from '../../helpers/backends.js'
import { journal } from '../../helpers/control.js'
import { bearer, SEED_PATH, validBody } from '../../helpers/graph-server.js'
import { readEvents, type ServerSentEvent, type SseReader } from '../../helpers/sse-reader.js'

describe.each(bothBackends())('the live stream ($name)', (backend) => {
  let app: FastifyInstance
  let origin: string
  const readers: SseReader[] = []

  async function start(adminKey = '') {
    app = await buildServer(configWith({ logLevel: 'silent', adminKey, ...backend.config() }), {
      stream: { heartbeatMs: 50, maxBufferedBytes: 16 * 1024 }
    })
    origin = await app.listen({ port: 0, host: '127.0.0.1' })
  }

  async function open(query = '', headers: Record<string, string> = {}, paused = false) {
    const reader = await readEvents(`${origin}/_mock/requests/stream${query}`, headers, paused)
    readers.push(reader)
    return reader
  }

  afterEach(async () => {
    for (const reader of readers.splice(0)) reader.close()
    await app.close()
  })

  const requestEvents = (events: ServerSentEvent[]) => events.filter((event) => event.event === 'request')
  const entries = (events: ServerSentEvent[]) =>
    requestEvents(events).map((event) => JSON.parse(event.data ?? '') as JournalEntry)
  const get = () => app.inject({ url: SEED_PATH, headers: { authorization: bearer() } })
  const patch = (body = validBody()) =>
    app.inject({
      method: 'PATCH',
      url: SEED_PATH,
      headers: { authorization: bearer(), 'content-type': 'application/json' },
      payload: body
    })

  /** How many sockets the server holds open. */
  const connections = () =>
    new Promise<number>((resolve, reject) =>
      app.server.getConnections((error, count) => (error ? reject(error) : resolve(count)))
    )

  describe('GET /_mock/requests/stream', () => {
    it('sends each journal entry to two readers as it is recorded, each through its own filters', async () => {
      await start()
      const everything = await open()
      const patches = await open('?method=PATCH')
      expect(everything.status).toBe(200)
      expect(everything.headers['content-type']).toBe('text/event-stream; charset=utf-8')
      expect(everything.headers['request-id']).toEqual(expect.any(String))

      await get()
      await patch()
      await get()

      const all = entries(await everything.until((events) => requestEvents(events).length === 3))
      expect(all).toEqual(await journal(app))
      expect(requestEvents(everything.events).map((event) => event.id)).toEqual(['1', '2', '3'])
      const onlyPatches = await patches.until((events) => requestEvents(events).length === 1)
      expect(entries(onlyPatches).map((entry) => entry.method)).toEqual(['PATCH'])
      expect(requestEvents(onlyPatches)[0]?.id).toBe('2')
    })

    it('drops a reader that does not keep up, and goes on serving Graph and the other readers', async () => {
      await start()
      const fast = await open()
      const slow = await open('', {}, true)
      const big = validBody({ padding: 'x'.repeat(50_000) })
      let sent = 0
      // Each event carries ~50 KB; the slow reader's socket buffers fill up, then its queue passes 16 KiB.
      while ((await connections()) === 2 && sent < 500) {
        expect((await patch(big)).statusCode).toBe(400)
        sent++
      }
      expect(await connections()).toBe(1)
      await get()
      await fast.until((events) => requestEvents(events).length === sent + 1)
      slow.response.resume()
      await slow.ended
      expect(requestEvents(slow.events).length).toBeLessThan(sent)
    })

    it('sends heartbeats while nothing happens', async () => {
      await start()
      const reader = await open()
      await reader.until((events) => events.filter((event) => event.comment === 'heartbeat').length >= 2)
      expect(reader.events[0]?.comment).toBe('connected')
    })

    it('replays what it missed after the Last-Event-ID of a reconnecting reader, then goes on live', async () => {
      await start()
      for (let index = 0; index < 3; index++) await get()
      const reader = await open('?method=GET', { 'last-event-id': '1' })
      await get()
      const events = await reader.until((received) => requestEvents(received).length === 3)
      expect(requestEvents(events).map((event) => event.id)).toEqual(['2', '3', '4'])
    })

    it('takes the journal filters but limit, naming the field', async () => {
      await start()
      const response = await fetch(`${origin}/_mock/requests/stream?limit=1`)
      expect(response.status).toBe(400)
      expect((await response.json()).error.details[0].target).toBe('limit')
    })

    it('needs the admin key in the header, like every control call', async () => {
      await start('secret')
      const refused = await fetch(`${origin}/_mock/requests/stream`)
      expect(refused.status).toBe(401)
      const reader = await open('', { 'x-mock-admin-key': 'secret' })
      expect(reader.status).toBe(200)
      await get()
      await reader.until((events) => requestEvents(events).length === 1)
    })

    it('ends every stream on shutdown, so that closing is not held up', async () => {
      await start()
      const reader = await open()
      await reader.until((events) => events.length > 0)
      await app.close()
      await reader.ended
      expect(reader.response.complete).toBe(true)
    })
  })
})

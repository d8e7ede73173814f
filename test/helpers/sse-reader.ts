import { type ClientRequest, type IncomingMessage, request } from 'node:http'

export interface ServerSentEvent {
  id?: string
  event?: string
  data?: string
  /** A comment line (`: heartbeat`). */
  comment?: string
}

export interface SseReader {
  status: number
  headers: IncomingMessage['headers']
  events: ServerSentEvent[]
  /** Resolves when the server ended the stream (or dropped the connection). */
  ended: Promise<void>
  /** Waits (bounded) until `test` holds for the events received so far. */
  until(test: (events: ServerSentEvent[]) => boolean, timeoutMs?: number): Promise<ServerSentEvent[]>
  response: IncomingMessage
  request: ClientRequest
  close(): void
}

function parse(block: string): ServerSentEvent {
  const event: ServerSentEvent = {}
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) event.comment = line.slice(1).trim()
    const [, field, value] = /^(id|event|data): ?(.*)$/.exec(line) ?? []
    if (field === 'id' || field === 'event' || field === 'data') event[field] = value
  }
  return event
}

/** Opens `GET url` and parses its server-sent events as they come; `paused` reads nothing until resumed. */
export function readEvents(
  url: string,
  headers: Record<string, string> = {},
  paused = false
): Promise<SseReader> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      const events: ServerSentEvent[] = []
      let buffer = ''
      const ended = new Promise<void>((done) => {
        response.on('end', done)
        response.on('error', () => done())
        response.on('close', () => done())
      })
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        buffer += chunk
        const blocks = buffer.split('\n\n')
        buffer = blocks.pop() ?? ''
        events.push(...blocks.map(parse))
      })
      if (paused) response.pause()
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        events,
        ended,
        response,
        request: req,
        close: () => req.destroy(),
        async until(test, timeoutMs = 10_000) {
          const deadline = Date.now() + timeoutMs
          while (!test(events)) {
            if (Date.now() > deadline) throw new Error(`events never arrived; got ${JSON.stringify(events)}`)
            await new Promise((next) => setTimeout(next, 10))
          }
          return events
        }
      })
    })
    req.on('error', reject)
    req.end()
  })
}

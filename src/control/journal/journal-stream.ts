import type { ServerResponse } from 'node:http'
import type { StreamQuery } from '../../model/control/journal-entry.js'
import { type Journal, type JournalRecord, matchesQuery } from './journal.js'

export interface StreamSettings {
  /** A comment line this often keeps proxies and readers from timing the stream out. */
  heartbeatMs: number
  /** A reader whose unsent events pass this many bytes is too slow: it is dropped, the mock never waits. */
  maxBufferedBytes: number
}

export const DEFAULT_STREAM_SETTINGS: StreamSettings = { heartbeatMs: 15_000, maxBufferedBytes: 1024 * 1024 }

interface Reader {
  response: ServerResponse
  query: StreamQuery
}

/** One server-sent event per journal entry: its `seq` as the id, the entry's JSON (one line) as the data. */
function event(record: JournalRecord): string {
  return `id: ${record.seq}\nevent: request\ndata: ${JSON.stringify(record.entry)}\n\n`
}

/**
 * The readers of `GET /requests/stream`. Each journaled request is sent to every reader whose filters it
 * passes, as it is recorded; a reader that does not keep up is dropped. The journal is only listened to, and
 * the heartbeat only runs, while someone reads.
 */
export class JournalStreams {
  readonly #journal: Journal
  readonly #settings: StreamSettings
  readonly #readers = new Set<Reader>()
  #stopListening: (() => void) | undefined
  #heartbeat: NodeJS.Timeout | undefined

  constructor(journal: Journal, settings: StreamSettings) {
    this.#journal = journal
    this.#settings = settings
  }

  /**
   * Starts a stream on a response Fastify no longer handles (`reply.hijack()`), with the headers the reply already
   * had. After `lastEventId` (a reconnecting EventSource's `Last-Event-ID`), the entries still in the journal first.
   */
  open(
    response: ServerResponse,
    headers: Record<string, number | string | string[] | undefined>,
    query: StreamQuery,
    lastEventId?: number
  ): void {
    response.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      // Closing the connection with the stream means shutdown never waits for an idle socket.
      connection: 'close',
      'x-accel-buffering': 'no'
    })
    const reader = { response, query }
    this.#readers.add(reader)
    response.on('close', () => this.#remove(reader))
    this.#write(reader, ': connected\n\n')
    if (lastEventId !== undefined) {
      for (const record of this.#journal.after(lastEventId))
        if (matchesQuery(record, query)) this.#write(reader, event(record))
    }
    this.#stopListening ??= this.#journal.subscribe((record) => this.#send(record))
    this.#heartbeat ??= setInterval(() => this.#beat(), this.#settings.heartbeatMs).unref()
  }

  /** Ends every stream, for shutdown: readers see the stream end, and no socket holds the server open. */
  closeAll(): void {
    for (const reader of this.#readers) reader.response.end()
    this.#readers.clear()
    this.#idle()
  }

  #send(record: JournalRecord): void {
    let text: string | undefined
    for (const reader of this.#readers) {
      if (!matchesQuery(record, reader.query)) continue
      text ??= event(record)
      this.#write(reader, text)
    }
  }

  #beat(): void {
    for (const reader of this.#readers) this.#write(reader, ': heartbeat\n\n')
  }

  #write(reader: Reader, text: string): void {
    if (reader.response.writableLength > this.#settings.maxBufferedBytes) {
      reader.response.destroy()
      this.#remove(reader)
      return
    }
    reader.response.write(text)
  }

  #remove(reader: Reader): void {
    this.#readers.delete(reader)
    if (this.#readers.size === 0) this.#idle()
  }

  #idle(): void {
    this.#stopListening?.()
    this.#stopListening = undefined
    clearInterval(this.#heartbeat)
    this.#heartbeat = undefined
  }
}

import { connect, type Socket } from 'node:net'

/** HTTP/1.1 on a bare socket, for what fetch cannot do: stall, trickle, send malformed bytes. */

export interface RawConnection {
  socket: Socket
  /** Everything the server sent, once it has closed the connection. */
  closed: Promise<string>
}

/** Opens a connection and writes `bytes`; the caller decides whether and when the request ends. */
export function openConnection(port: number, bytes: Buffer | string): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    const closed = new Promise<string>((settle) =>
      socket.on('close', () => settle(Buffer.concat(chunks).toString('latin1')))
    )
    // A reset after the server's answer (it closes while we still write) is how a cut-off looks.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error)
    })
    socket.once('connect', () => socket.write(bytes, () => resolve({ socket, closed })))
  })
}

/** Writes `bytes`, ends the request, and returns everything the server sent until it closed (5 s at most). */
export async function exchange(port: number, bytes: Buffer | string): Promise<string> {
  const { socket, closed } = await openConnection(port, bytes)
  socket.end()
  socket.setTimeout(5_000, () => socket.destroy(new Error('the server neither answered nor closed in 5 s')))
  return closed
}

export interface RawAnswer {
  status: number
  headers: Record<string, string>
  body: string
}

/** The first HTTP response in `text` (undefined when the server sent nothing). */
export function parseAnswer(text: string): RawAnswer | undefined {
  const end = text.indexOf('\r\n\r\n')
  if (end < 0) return undefined
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n')
  const headers = Object.fromEntries(
    lines.map((line) => [
      line.slice(0, line.indexOf(':')).toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim()
    ])
  )
  const length = Number(headers['content-length'] ?? 0)
  return {
    status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]),
    headers,
    body: text.slice(end + 4, end + 4 + length)
  }
}

/** A request line and headers (Host included), ready for a body. */
export function requestHead(method: string, path: string, headers: Record<string, string | number>): string {
  const lines = Object.entries({ host: '127.0.0.1', ...headers }).map(([name, value]) => `${name}: ${value}`)
  return `${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`
}

/**
 * Calls to the control API. With `--admin-key` every call needs the `x-mock-admin-key` header: the page asks for
 * the key at the first 401 (once, however many calls wait for it), keeps it in sessionStorage only, and sends it
 * in the header, never in a URL. The live stream is read with fetch for the same reason: EventSource sends no
 * headers.
 */
const STORED = 'graph-lifecycle-mock.admin-key'
const RECONNECT_MS = 1000

let key = sessionStorage.getItem(STORED) ?? ''
let asking
// The server marks the page when it has an admin key, so that the first call already sends one.
const keyRequired = document.documentElement.dataset.adminKey === 'required'

function headersWithKey(headers = {}) {
  return key === '' ? headers : { ...headers, 'x-mock-admin-key': key }
}

/** Shows the key form and resolves with what is entered; callers that arrive meanwhile share the answer. */
function askForKey(refused) {
  asking ??= new Promise((resolve) => {
    const form = document.getElementById('key-form')
    const input = document.getElementById('key-input')
    document.getElementById('key-error').textContent = refused ? 'That key was refused.' : ''
    form.hidden = false
    input.focus()
    form.addEventListener(
      'submit',
      (event) => {
        event.preventDefault()
        form.hidden = true
        key = input.value
        input.value = ''
        sessionStorage.setItem(STORED, key)
        asking = undefined
        resolve()
      },
      { once: true }
    )
  })
  return asking
}

/** `fetch` with the admin key; a 401 asks for the key and tries again. */
export async function call(path, options = {}) {
  if (keyRequired && key === '') await askForKey(false)
  for (;;) {
    const sent = key
    const response = await fetch(path, { ...options, headers: headersWithKey(options.headers) })
    if (response.status !== 401) return response
    await askForKey(sent !== '')
  }
}

/** A JSON answer, or an error naming the call and Graph's message. */
export async function getJson(path) {
  const response = await call(path)
  const body = await response.json()
  if (!response.ok) throw new Error(`${path}: ${body?.error?.message ?? response.status}`)
  return body
}

/** The `request` events of one stream: each block of lines ends with an empty line. */
function* eventsOf(block) {
  const fields = {}
  for (const line of block.split('\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart()
  }
  if (fields.event === 'request' && fields.data !== undefined)
    yield { id: fields.id, entry: JSON.parse(fields.data) }
}

/**
 * Reads `GET /_mock/requests/stream` and hands each journal entry to `onEntry`; `onStatus` hears `live` (also
 * after each reconnection, when entries may have been missed) and `reconnecting`. A reconnection sends the last
 * event's id, so the stream first replays what the journal still holds after it.
 */
export function followJournal(onEntry, onStatus) {
  let lastId
  const connect = async () => {
    try {
      const headers = {
        accept: 'text/event-stream',
        ...(lastId === undefined ? {} : { 'last-event-id': lastId })
      }
      const response = await call('/_mock/requests/stream', { headers })
      if (!response.ok || response.body === null) throw new Error(`stream: ${response.status}`)
      onStatus('live')
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
      let buffer = ''
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        buffer += read.value
        const blocks = buffer.split('\n\n')
        buffer = blocks.pop() ?? ''
        for (const block of blocks) {
          for (const { id, entry } of eventsOf(block)) {
            lastId = id
            onEntry(entry)
          }
        }
      }
    } catch {
      // A dropped connection or a server that went away: try again below.
    }
    onStatus('reconnecting')
    setTimeout(connect, RECONNECT_MS)
  }
  connect()
}

import { getJson } from './api.js'
import { clock, code, h, short } from './dom.js'

/** As many entries as the journal keeps by default. */
const MAX_ENTRIES = 1000
const appOf = (entry) => entry.claims?.appid ?? entry.claims?.azp ?? ''
const tenantOf = (entry) => entry.claims?.tid ?? ''

/** Whether an entry passes the filters: a status or its first digits (`4`, `4xx`), the rest as substrings. */
function passes(entry, filters) {
  const status = filters.status.trim().toLowerCase().replace(/x+$/, '')
  const has = (value, wanted) =>
    wanted === '' || String(value).toLowerCase().includes(wanted.trim().toLowerCase())
  return (
    String(entry.status).startsWith(status) &&
    has(tenantOf(entry), filters.tenant) &&
    has(appOf(entry), filters.app) &&
    has(entry.path, filters.path) &&
    (filters.matched === '' || String(entry.matched) === filters.matched)
  )
}

/** The request and its answer; the journal never holds the token, and the page shows no authorization header. */
function detailOf(entry) {
  const { authorization: _, ...headers } = entry.headers ?? {}
  const error = entry.responseBody?.error
  return [
    h('h2', {}, `${entry.method} ${entry.path} → ${entry.status}`),
    error === undefined
      ? null
      : h('p', { className: 'error', id: 'detail-error' }, `${error.code}: ${error.message}`),
    entry.nearest === null
      ? null
      : h(
          'p',
          {},
          'Nearest route: ',
          h('code', {}, `${entry.nearest.method} ${entry.nearest.path}`),
          ` (${entry.nearest.why})`
        ),
    h(
      'dl',
      {},
      ['time', 'duration', 'request-id', 'client-request-id'].flatMap((name) => [
        h('dt', {}, name),
        h('dd', {}, entry[name])
      ]),
      h('dt', {}, 'batch'),
      h('dd', {}, entry.batch === null ? '—' : `${entry.batch.requestId} #${entry.batch.id}`)
    ),
    h('h3', {}, 'Query'),
    code(Object.keys(entry.query ?? {}).length === 0 ? null : entry.query),
    h('h3', {}, 'Token claims'),
    code(entry.claims),
    h('h3', {}, 'Request headers'),
    code(headers),
    h('h3', {}, 'Request body'),
    code(entry.requestBody),
    h('h3', {}, 'Response body'),
    h('div', { id: 'response-body' }, code(entry.responseBody))
  ]
}

/** The journal, newest first: filled from the stream, filtered in the page, one entry shown in full. */
export class JournalView {
  #entries = []
  #ids = new Set()
  #selected
  #filters = document.getElementById('filters')
  #rows = document.getElementById('rows')
  #detail = document.getElementById('detail')
  #pending = false

  constructor() {
    this.#filters.addEventListener('input', () => this.render())
  }

  get tenants() {
    return new Set(this.#entries.map(tenantOf).filter((tenant) => tenant !== ''))
  }

  /** Adds entries (from the stream, or a list read after it connected); repeats are dropped. */
  add(entries) {
    for (const entry of entries) {
      if (this.#ids.has(entry['request-id'])) continue
      this.#ids.add(entry['request-id'])
      this.#entries.push(entry)
    }
    this.#entries.sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0))
    for (const dropped of this.#entries.splice(MAX_ENTRIES)) this.#ids.delete(dropped['request-id'])
    this.#schedule()
  }

  /** Reads what the journal holds, e.g. when the stream (re)connects. */
  async load() {
    this.add(await getJson(`/_mock/requests?limit=${MAX_ENTRIES}`))
  }

  clear() {
    this.#entries = []
    this.#ids.clear()
    this.#detail.hidden = true
    this.render()
  }

  /** Shows one request in full: from the page's list, else from the journal. */
  async select(requestId) {
    let entry = this.#entries.find((candidate) => candidate['request-id'] === requestId)
    if (entry === undefined)
      [entry] = await getJson(`/_mock/requests?requestId=${encodeURIComponent(requestId)}`)
    this.#selected = requestId
    const parts =
      entry === undefined ? [h('p', {}, `${requestId}: no longer in the journal`)] : detailOf(entry)
    this.#detail.replaceChildren(...parts.filter((part) => part !== null))
    this.#detail.hidden = false
    this.render()
    this.#detail.scrollIntoView({ block: 'nearest' })
  }

  #schedule() {
    if (this.#pending) return
    this.#pending = true
    requestAnimationFrame(() => {
      this.#pending = false
      this.render()
    })
  }

  render() {
    const filters = Object.fromEntries(new FormData(this.#filters))
    const shown = this.#entries.filter((entry) => passes(entry, filters))
    this.#rows.replaceChildren(
      ...shown.map((entry) =>
        h(
          'tr',
          {
            dataset: { requestId: entry['request-id'], status: entry.status },
            className: [
              `s${String(entry.status)[0]}xx`,
              entry['request-id'] === this.#selected ? 'selected' : ''
            ].join(' '),
            onclick: () => this.select(entry['request-id'])
          },
          h('td', {}, clock(entry.time)),
          h('td', {}, entry.method),
          h('td', { className: 'path' }, entry.path),
          h('td', {}, entry.status),
          h('td', {}, short(tenantOf(entry))),
          h('td', {}, short(appOf(entry))),
          h('td', {}, entry.matched ? 'yes' : 'no')
        )
      )
    )
    document.getElementById('shown').textContent = `${shown.length} of ${this.#entries.length}`
  }
}

/**
 * An element with attributes, listeners and children. Every value lands as text or as an attribute value (never
 * as HTML), so a request body from a client cannot add markup or script to the page.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value)
    else if (name === 'dataset') Object.assign(element.dataset, value)
    else element.setAttribute(name === 'className' ? 'class' : name, value === true ? '' : String(value))
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue
    element.append(child instanceof Node ? child : String(child))
  }
  return element
}

/** A table: a header row, then one row per item. */
export function table(headers, rows) {
  return [
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((name) => h('th', {}, name))
      )
    ),
    h('tbody', {}, rows)
  ]
}

/** Pretty JSON in a `pre`, or a dash for nothing. */
export function code(value) {
  if (value === null || value === undefined) return h('p', { className: 'none' }, '—')
  return h('pre', {}, typeof value === 'string' ? value : JSON.stringify(value, null, 2))
}

/** Runs `action` once, `ms` after the last of a burst of calls. */
export function debounce(action, ms) {
  let timer
  return () => {
    clearTimeout(timer)
    timer = setTimeout(action, ms)
  }
}

/** `2026-11-28T10:15:30.123Z` → `10:15:30.123` (UTC, as the journal writes it). */
export const clock = (time) => String(time).slice(11, 23)

/** The first 8 characters of an id, the whole one in the tooltip. */
export const short = (id) => h('span', { title: id ?? '' }, id ? String(id).slice(0, 8) : '—')

import leven from 'leven'
import type { Nearest } from '../../model/control/journal-entry.js'
import { splitPath } from '../errors/not-found.js'

/** A first segment that names a Graph API version: `beta`, `v1.0`. */
export const API_VERSION = /^(beta|v\d+(\.\d+)?)$/i

/** A served path with every method it takes. */
export interface ServedPath {
  url: string
  methods: readonly string[]
}

type Step =
  | { kind: 'same' | 'key' | 'version' | 'misspelt' | 'other'; actual: string; expected: string }
  | { kind: 'extra'; actual: string }
  | {
      kind: 'missing-key' | 'missing-segment' | 'missing-version'
      expected: string
      after: string | undefined
    }

/** Beyond this length a segment is compared for equality only (it is no misspelling of a route's segment). */
const MAX_COMPARED_LENGTH = 100
/** A segment this close to a route's (edits ÷ length) is read as a misspelling of it. */
const MISSPELT = 0.4
const MAX_SEGMENTS = 30
/** A key takes any segment, but a little less readily than a literal takes its own: `…/results` lacks its key. */
const KEY_COST = 0.01
const MAX_REASONS = 3

const isKey = (segment: string) => segment.startsWith(':')
const isVersion = (segment: string) => API_VERSION.test(segment)

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** What it costs to read a request segment as a route segment, and what that step is. */
function substitution(actual: string, expected: string): { cost: number; step: Step } {
  const a = actual.toLowerCase()
  const b = expected.toLowerCase()
  const step = (kind: 'same' | 'key' | 'version' | 'misspelt' | 'other', cost: number) => ({
    cost,
    step: { kind, actual, expected }
  })
  if (isKey(expected)) return step('key', KEY_COST)
  if (a === b) return step('same', 0)
  if (isVersion(a) && isVersion(b)) return step('version', 0.5)
  const length = Math.max(a.length, b.length)
  if (length > MAX_COMPARED_LENGTH || Math.abs(a.length - b.length) > MISSPELT * length)
    return step('other', 1)
  const maxDistance = Math.floor(MISSPELT * length) + 1
  const distance = leven(a, b, { maxDistance }) / length
  return distance <= MISSPELT ? step('misspelt', distance) : step('other', 1)
}

type Substitute = (actual: string, expected: string) => { cost: number; step: Step }

/** `substitution`, remembered for one search: every route repeats the same few segments. */
function memoized(): Substitute {
  const known = new Map<string, { cost: number; step: Step }>()
  return (actual, expected) => {
    const key = `${actual}\n${expected}`
    let found = known.get(key)
    if (found === undefined) {
      found = substitution(actual, expected)
      known.set(key, found)
    }
    return found
  }
}

function missing(expected: string, after: string | undefined): { cost: number; step: Step } {
  if (isVersion(expected)) return { cost: 0.5, step: { kind: 'missing-version', expected, after } }
  const kind = isKey(expected) ? 'missing-key' : 'missing-segment'
  return { cost: 1, step: { kind, expected, after } }
}

/** The cheapest way to read the request's segments as the route's (an edit distance over segments). */
function align(
  actual: readonly string[],
  expected: readonly string[],
  substitute: Substitute
): { cost: number; steps: Step[] } {
  const rows = actual.length + 1
  const columns = expected.length + 1
  const cost: number[] = new Array(rows * columns).fill(0)
  const at = (i: number, j: number) => cost[i * columns + j] ?? 0
  for (let i = 1; i < rows; i++) cost[i * columns] = i
  for (let j = 1; j < columns; j++)
    cost[j] = at(0, j - 1) + missing(expected[j - 1] ?? '', expected[j - 2]).cost
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      cost[i * columns + j] = Math.min(
        at(i - 1, j - 1) + substitute(actual[i - 1] ?? '', expected[j - 1] ?? '').cost,
        at(i - 1, j) + 1,
        at(i, j - 1) + missing(expected[j - 1] ?? '', expected[j - 2]).cost
      )
    }
  }
  const steps: Step[] = []
  let i = actual.length
  let j = expected.length
  while (i > 0 || j > 0) {
    const here = at(i, j)
    const paired = i > 0 && j > 0 ? substitute(actual[i - 1] ?? '', expected[j - 1] ?? '') : undefined
    const dropped = j > 0 ? missing(expected[j - 1] ?? '', expected[j - 2]) : undefined
    // Walking back from the end, an extra segment is taken first on a tie: the later segment is the extra one.
    // Each step moves back at least one segment, so the walk ends.
    if (paired !== undefined && here === at(i - 1, j - 1) + paired.cost && here !== at(i - 1, j) + 1) {
      steps.push(paired.step)
      i--
      j--
    } else if (dropped !== undefined && here === at(i, j - 1) + dropped.cost) {
      steps.push(dropped.step)
      j--
    } else {
      steps.push({ kind: 'extra', actual: actual[i - 1] ?? '' })
      i--
    }
  }
  return { cost: at(actual.length, expected.length), steps: steps.reverse() }
}

function describe(step: Step): string | undefined {
  switch (step.kind) {
    case 'same':
    case 'key':
      return undefined
    case 'version':
      return `another API version: the route is served under /${step.expected}, not /${step.actual}`
    case 'missing-version':
      return `the API version is missing: the route is served under /${step.expected}`
    case 'misspelt':
      return `'${step.actual}' is misspelt: the route has '${step.expected}'`
    case 'other':
      return `'${step.actual}' where the route has '${step.expected}'`
    case 'extra':
      return `'${step.actual}' is one segment too many`
    case 'missing-key':
      return `the key {${step.expected.slice(1)}} is missing${step.after === undefined ? '' : ` after '${step.after}'`}`
    case 'missing-segment':
      return `the segment '${step.expected}' is missing`
  }
}

/** Read methods are matched with GET, writes with the first write the route takes. */
function likelyMethod(method: string, methods: readonly string[]): string {
  if (methods.includes(method)) return method
  const preferred =
    method === 'GET' || method === 'HEAD' ? ['GET'] : ['PATCH', 'POST', 'PUT', 'DELETE', 'GET']
  return preferred.find((candidate) => methods.includes(candidate)) ?? methods[0] ?? method
}

/** A path as Graph's documentation writes it: keys as `{name}`. */
export function documentedPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}')
}

/**
 * The served path closest to a request no route took, and what differs: another API version, a misspelt or
 * extra segment, a missing key or segment, the method. `null` when no served path shares a segment with it
 * besides the version. Segments are compared without case, as Graph's router does.
 */
export function nearestRoute(paths: readonly ServedPath[], method: string, url: string): Nearest | null {
  const actual = splitPath(url).slice(0, MAX_SEGMENTS).map(decoded)
  const substitute = memoized()
  let best: { score: number; path: ServedPath; steps: Step[] } | undefined
  for (const path of paths) {
    const expected = splitPath(path.url)
    const { cost, steps } = align(actual, expected, substitute)
    const related = steps.some(
      (step) => (step.kind === 'same' || step.kind === 'misspelt') && !isVersion(step.expected)
    )
    const score = cost + (path.methods.includes(method) ? 0 : 0.25)
    if (related && (best === undefined || score < best.score)) best = { score, path, steps }
  }
  if (best === undefined) return null
  const { path, steps } = best
  const reasons = steps.map(describe).filter((reason) => reason !== undefined)
  if (!path.methods.includes(method))
    reasons.push(`${method} is not allowed here: the route takes ${[...path.methods].sort().join(', ')}`)
  return {
    method: likelyMethod(method, path.methods),
    path: documentedPath(path.url),
    why:
      reasons.length > 0
        ? reasons.slice(0, MAX_REASONS).join('; ')
        : 'a key of the path is too long for the mock'
  }
}

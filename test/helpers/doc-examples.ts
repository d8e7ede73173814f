import type { Fence } from './markdown.js'

const THIS_TEST = 'test/e2e/docs-examples.test.ts'

/** Data and output: shown, never run. */
const DATA = new Set(['text', 'json'])

export type Plan =
  | { action: 'skip' }
  | { action: 'start-mock'; fence: Fence; mockArgs: string[] }
  | { action: 'run'; fence: Fence; language: 'sh' | 'ts'; mockArgs: string[] }
  | { action: 'error'; fence: Fence; problem: string }

/** `npm start` alone (with options): the block starts the mock, and its output is the start-up log. */
function npmStartArgs(body: string): string[] | undefined {
  const match = /^npm start(?: -- (.+))?$/.exec(body.trim())
  return match === null ? undefined : (match[1]?.split(/\s+/) ?? [])
}

/** What the test does with a fenced block (the rules of CONTRIBUTING.md, "Docs examples"). */
export function planFor(fence: Fence): Plan {
  const { marker, info } = fence
  if (marker?.kind === 'not run') return { action: 'skip' }
  if (marker?.kind === 'unknown') {
    const expected = `'<!-- not run: REASON -->' or '<!-- run by ${THIS_TEST} against: npm start -- OPTIONS -->'`
    return {
      action: 'error',
      fence,
      problem: `unknown marker '<!-- ${marker.comment} -->': write ${expected}`
    }
  }
  if (DATA.has(info)) {
    return marker === undefined
      ? { action: 'skip' }
      : { action: 'error', fence, problem: `a ${info} block is never run: remove its marker` }
  }
  if (marker !== undefined && marker.testFile !== THIS_TEST) {
    return { action: 'error', fence, problem: `the marker names ${marker.testFile}, not ${THIS_TEST}` }
  }
  const mockArgs = marker?.mockArgs ?? []
  if (info === 'ts') return { action: 'run', fence, language: 'ts', mockArgs }
  if (info !== 'sh') {
    return { action: 'error', fence, problem: `a ${info || 'plain'} block needs '<!-- not run: REASON -->'` }
  }
  const started = npmStartArgs(fence.body)
  if (started !== undefined) return { action: 'start-mock', fence, mockArgs: started }
  if (!/\bcurl\b|\bnpm run\b/.test(fence.body)) {
    return {
      action: 'error',
      fence,
      problem: "an sh block that neither talks to the mock nor is marked '<!-- not run: REASON -->'"
    }
  }
  return { action: 'run', fence, language: 'sh', mockArgs }
}

/** The doc's port 4000 becomes the test mock's port. */
export function withPort(text: string, port: number): string {
  return text.replace(/\b(127\.0\.0\.1|localhost):4000\b/g, `$1:${port}`)
}

/** The test mock's port becomes the doc's 4000 again, so that output can be compared with the doc. */
export function withDocPort(text: string, port: number): string {
  return text.replace(new RegExp(`\\b(127\\.0\\.0\\.1|localhost):${port}\\b`, 'g'), '$1:4000')
}

/** A line of expected output, where `...` stands for any text. */
function linePattern(expected: string): RegExp {
  const parts = expected.split('...').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${parts.join('.*?')}$`)
}

/** The actual lines that differ from the expected ones (`...` matching any text within a line). */
export function outputMismatch(actual: string, expected: string): string | undefined {
  const actualLines = actual.trimEnd().split('\n')
  const expectedLines = expected.trimEnd().split('\n')
  const wrong = expectedLines.findIndex((line, index) => !linePattern(line).test(actualLines[index] ?? ''))
  if (wrong === -1 && actualLines.length === expectedLines.length) return undefined
  return `expected:\n${expected.trimEnd()}\nactual:\n${actual.trimEnd()}`
}

/** The expected lines that are not found, in order, among the log messages. */
export function missingLogLines(messages: string[], expected: string): string[] {
  let next = 0
  const missing: string[] = []
  for (const line of expected.trimEnd().split('\n')) {
    const pattern = linePattern(line)
    const found = messages.findIndex((message, index) => index >= next && pattern.test(message))
    if (found === -1) missing.push(line)
    else next = found + 1
  }
  return missing
}

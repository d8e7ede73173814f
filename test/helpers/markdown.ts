import { readFileSync } from 'node:fs'

/** What the HTML comment right before a fence says about it (see CONTRIBUTING.md, "Docs examples"). */
export type Marker =
  | { kind: 'not run'; reason: string }
  | { kind: 'run'; testFile: string; mockArgs: string[] }
  | { kind: 'unknown'; comment: string }

export interface Fence {
  /** 1-based line of the opening fence. */
  line: number
  info: string
  body: string
  marker: Marker | undefined
  /** The ```text block that follows this one with only blank lines between: its expected output. */
  output: string | undefined
}

export interface MarkdownDoc {
  fences: Fence[]
  /** Heading anchors as GitHub makes them, duplicates numbered. */
  anchors: Set<string>
  /** `## ` headings, in order. */
  sections: string[]
  /** Link targets outside code: `[text](target)`. */
  links: string[]
  /** The contents of inline code spans outside fences. */
  codeSpans: string[]
}

const MARKER = /^<!--\s*(.*?)\s*-->$/

function parseMarker(comment: string): Marker {
  const notRun = /^not run:\s*(\S.*)$/.exec(comment)
  if (notRun?.[1] !== undefined) return { kind: 'not run', reason: notRun[1] }
  const run = /^run by (\S+) against: npm start(?: -- (.+))?$/.exec(comment)
  if (run?.[1] !== undefined) {
    return { kind: 'run', testFile: run[1], mockArgs: run[2]?.split(/\s+/) ?? [] }
  }
  return { kind: 'unknown', comment }
}

/** GitHub's heading anchor: the text without markup, lower-cased, punctuation dropped, spaces as hyphens. */
export function slugOf(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-')
}

export function parseMarkdown(text: string): MarkdownDoc {
  const lines = text.split('\n')
  const doc: MarkdownDoc = { fences: [], anchors: new Set(), sections: [], links: [], codeSpans: [] }
  const slugCounts = new Map<string, number>()
  let lastClosing = 0
  let open: { line: number; info: string; marker: Marker | undefined; body: string[] } | undefined
  lines.forEach((line, index) => {
    if (open !== undefined) {
      if (/^```\s*$/.test(line)) {
        const fence = { line: open.line, info: open.info, body: open.body.join('\n'), marker: open.marker }
        const previous = doc.fences.at(-1)
        const between = lines.slice(lastClosing, open.line - 1)
        if (fence.info === 'text' && previous !== undefined && between.every((text) => text.trim() === '')) {
          previous.output = fence.body
        }
        doc.fences.push({ ...fence, output: undefined })
        lastClosing = index + 1
        open = undefined
      } else open.body.push(line)
      return
    }
    const fence = /^```(\S*)\s*$/.exec(line)
    if (fence !== null) {
      const comment = MARKER.exec(lines[index - 1]?.trim() ?? '')?.[1]
      const marker = comment === undefined ? undefined : parseMarker(comment)
      open = { line: index + 1, info: fence[1] ?? '', marker, body: [] }
      return
    }
    const heading = /^(#{1,6})\s+(.*?)\s*$/.exec(line)
    if (heading?.[2] !== undefined) {
      const slug = slugOf(heading[2])
      const seen = slugCounts.get(slug) ?? 0
      slugCounts.set(slug, seen + 1)
      doc.anchors.add(seen === 0 ? slug : `${slug}-${seen}`)
      if (heading[1] === '##') doc.sections.push(heading[2])
    }
    for (const [, span] of line.matchAll(/`([^`]+)`/g)) doc.codeSpans.push(span ?? '')
    const prose = line.replace(/`[^`]*`/g, '')
    for (const [, target] of prose.matchAll(/\]\(([^)\s]+)\)/g)) doc.links.push(target ?? '')
  })
  if (open !== undefined) throw new Error(`the fence opened on line ${open.line} is never closed`)
  return doc
}

export function readMarkdown(path: string): MarkdownDoc {
  return parseMarkdown(readFileSync(path, 'utf8'))
}

import { existsSync, readdirSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import picomatch from 'picomatch'
import { type MarkdownDoc, readMarkdown } from './markdown.js'

/** Every file under `dir`, relative to `root`, with `/` separators. */
function filesUnder(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`
    return entry.isDirectory() ? filesUnder(root, path) : [path]
  })
}

const anchorCache = new Map<string, Set<string>>()
function anchorsOf(path: string): Set<string> {
  const anchors = anchorCache.get(path) ?? readMarkdown(path).anchors
  anchorCache.set(path, anchors)
  return anchors
}

/** Relative links that name a missing file, or a heading that the target file does not have. */
export function brokenLinks(root: string, doc: string, parsed: MarkdownDoc): string[] {
  return parsed.links.flatMap((link) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(link)) return []
    const [path = '', anchor] = link.split('#')
    const target = path === '' ? doc : normalize(join(dirname(doc), decodeURIComponent(path)))
    if (!existsSync(join(root, target))) return [`${doc}: ${link} (no file ${target})`]
    if (anchor === undefined || !target.endsWith('.md')) return []
    const anchors = target === doc ? parsed.anchors : anchorsOf(join(root, target))
    return anchors.has(anchor) ? [] : [`${doc}: ${link} (${target} has no heading #${anchor})`]
  })
}

/** Paths under src/ or test/ named in inline code that match no file or folder of the repository. */
export function missingPaths(root: string, doc: string, parsed: MarkdownDoc): string[] {
  const files = [...filesUnder(root, 'src'), ...filesUnder(root, 'test')]
  return parsed.codeSpans.flatMap((span) =>
    [...span.matchAll(/(?:^|\s)((?:src|test)\/[^\s,;)]*)/g)].flatMap(([, path = '']) => {
      const isMatch = picomatch(path)
      const found = path.includes('*') ? files.some((file) => isMatch(file)) : existsSync(join(root, path))
      return found ? [] : [`${doc}: \`${path}\``]
    })
  )
}

/** The files a link in `doc` points to, relative to the repository root. */
export function linkedFiles(doc: string, parsed: MarkdownDoc): Set<string> {
  return new Set(
    parsed.links
      .filter((link) => !/^[a-z][a-z0-9+.-]*:/i.test(link) && !link.startsWith('#'))
      .map((link) => relative('.', normalize(join(dirname(doc), link.split('#')[0] ?? ''))))
  )
}

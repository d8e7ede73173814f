import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const SRC = fileURLToPath(new URL('../src/', import.meta.url))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/** Every file of src/ (relative, e.g. `graph/plugin.ts`) with the src/ files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8')
    const targets = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map(([, spec]) =>
      relative(SRC, resolve(dirname(file), spec ?? '')).replace(/\.js$/, '.ts')
    )
    graph.set(relative(SRC, file), targets)
  }
  return graph
}

const layerOf = (file: string) => (file.includes('/') ? (file.split('/')[0] ?? file) : file)

/** What each layer may import besides itself (the rules of CONTRIBUTING.md). */
const ALLOWED: Record<string, (target: string) => boolean> = {
  model: () => false,
  store: (target) => layerOf(target) === 'model',
  graph: (target) => ['model', 'store'].includes(layerOf(target)),
  control: (target) =>
    ['model', 'store'].includes(layerOf(target)) || target === 'graph/errors/graph-error.ts'
}

describe('the import rules of the layout', () => {
  const graph = importGraph()

  it.each(Object.keys(ALLOWED))('%s/ imports only the layers below it', (layer) => {
    const forbidden = [...graph]
      .filter(([file]) => layerOf(file) === layer)
      .flatMap(([file, targets]) =>
        targets
          .filter((target) => layerOf(target) !== layer && !ALLOWED[layer]?.(target))
          .map((target) => `${file} -> ${target}`)
      )
    expect(forbidden).toEqual([])
  })

  it('nothing imports control/ but server.ts and index.ts, and config.ts is read only by server.ts and cli.ts', () => {
    const wrong = [...graph].flatMap(([file, targets]) =>
      targets
        .filter(
          (target) =>
            (layerOf(target) === 'control' &&
              layerOf(file) !== 'control' &&
              !['server.ts', 'index.ts'].includes(file)) ||
            (target === 'config.ts' && !['server.ts', 'cli.ts', 'index.ts'].includes(file))
        )
        .map((target) => `${file} -> ${target}`)
    )
    expect(wrong).toEqual([])
  })

  it('has no import cycles', () => {
    const cycles: string[] = []
    const state = new Map<string, 'open' | 'done'>()
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '))
        return
      }
      state.set(file, 'open')
      for (const target of graph.get(file) ?? []) visit(target, [...path, file])
      state.set(file, 'done')
    }
    for (const file of graph.keys()) visit(file, [])
    expect(cycles).toEqual([])
  })
})

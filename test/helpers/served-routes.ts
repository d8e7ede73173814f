import type { FastifyInstance } from 'fastify'

/**
 * Every `METHOD path` Fastify's router serves, read from `printRoutes` (its own tree, so independent of the mock's
 * route table): paths in lower case, as the case-insensitive router keeps them, keys as `:name`.
 */
export function servedRoutes(app: FastifyInstance): string[] {
  const routes: string[] = []
  const stack: { depth: number; path: string }[] = []
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line)
    if (match === null) continue
    const [, indent = '', segment = '', methods = ''] = match
    const depth = indent.length / 4
    while ((stack.at(-1)?.depth ?? -1) >= depth) stack.pop()
    const path = `${stack.at(-1)?.path ?? ''}${segment}`
    stack.push({ depth, path })
    for (const method of methods.split(', ').filter((name) => name !== '' && name !== '-'))
      routes.push(`${method} ${path}`)
  }
  return routes.sort()
}

import type { RouteInfo, RouteTable } from '../errors/not-found.js'
import { API_VERSION, documentedPath } from '../routes/nearest-route.js'
import { Components } from './components.js'
import { type Auth, graphOperation, notEmulatedOperation } from './graph-operation.js'
import type { JsonSchema } from './json-schema.js'
import { mockOperation } from './mock-operation.js'

export interface DocumentOptions {
  /** The mock's own version (package.json). */
  version: string
  auth: Auth
  /** Whether `/_mock` calls need the `x-mock-admin-key` header. */
  adminKey: boolean
}

const DESCRIPTION = [
  'A local stand-in for the Microsoft Graph Lifecycle Workflows API (beta and v1.0) and its test-control API',
  '(/_mock), described from the routes the running server registered and the schemas it checks and writes with.',
  'Answers of the OData paths list every property without $select; none is required, as $select picks any.',
  'Each entity read on its own also carries @odata.context. A path with another method answers 405 with Allow;',
  'an unknown path answers 400. The paths Graph has and the mock does not emulate are listed, answering 501.'
].join(' ')

const SECURITY_SCHEMES = {
  bearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A Graph access token: decoded, never signature-checked. Mint one with `npx graph-lifecycle-mock token` or POST /_mock/token. An operation lists one alternative per permission it accepts: the token needs one of them (scp for delegated, roles for app-only).'
  },
  adminKey: { type: 'apiKey', in: 'header', name: 'x-mock-admin-key', description: 'The --admin-key value' }
}

/** A path template once its keys' names are left out: two paths that differ only there are the same path. */
const shapeOf = (path: string) => path.replace(/\{\w+\}/g, '{}').toLowerCase()

class PathItems {
  readonly paths: Record<string, Record<string, JsonSchema>> = {}
  readonly #byShape = new Map<string, string>()

  add(url: string, method: string, operation: JsonSchema): void {
    const path = documentedPath(url)
    const known = this.#byShape.get(shapeOf(path))
    if (known !== undefined && known !== path) throw new Error(`${path} and ${known} name their keys apart.`)
    this.#byShape.set(shapeOf(path), path)
    const item = this.paths[path] ?? {}
    this.paths[path] = item
    const key = method.toLowerCase()
    if (item[key] !== undefined) throw new Error(`${method} ${path} is described twice.`)
    item[key] = operation
  }
}

const isGraph = (route: RouteInfo) => API_VERSION.test(route.segments[0] ?? '')

/**
 * The OpenAPI 3.1 document of the server, from its route table (read once every route is registered): every
 * route Fastify serves with each of its methods, and the not-emulated paths with their 501.
 */
export function buildOpenApiDocument(table: RouteTable, options: DocumentOptions): JsonSchema {
  const components = new Components()
  const items = new PathItems()
  for (const route of table.routes) {
    for (const method of route.methods) {
      const operation = isGraph(route)
        ? graphOperation(route, method, components, options.auth)
        : mockOperation(route, method, components, options.adminKey)
      items.add(route.url, method, operation)
    }
  }
  for (const route of table.notEmulated)
    items.add(route.url, route.method, notEmulatedOperation(route, components, options.auth))
  return {
    openapi: '3.1.0',
    info: { title: 'graph-lifecycle-mock', version: options.version, description: DESCRIPTION },
    paths: items.paths,
    components: {
      schemas: components.schemas.components,
      parameters: components.parameters,
      responses: components.responses,
      securitySchemes: SECURITY_SCHEMES
    }
  }
}

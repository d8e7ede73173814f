import { Validator } from '@seriousme/openapi-schema-validator'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Config } from '../../../src/config.js'
import { notEmulatedPaths } from '../../../src/graph/not-emulated/not-emulated-paths.js'
import { PATCH_BODY_SCHEMAS } from '../../../src/graph/results/patch-body.js'
import { API_VERSIONS } from '../../../src/model/enums.js'
import { buildLcwApp } from '../../helpers/lcw.js'
import { servedRoutes } from '../../helpers/served-routes.js'

type Operation = { responses: Record<string, unknown>; security?: unknown[]; requestBody?: unknown }
type Document = { paths: Record<string, Record<string, Operation>>; servers: { url: string }[] }

async function documentOf(app: FastifyInstance): Promise<Document> {
  const response = await app.inject({ url: '/_mock/openapi.json', headers: { host: 'localhost:4000' } })
  expect(response.statusCode).toBe(200)
  return response.json()
}

/** `METHOD /path` of every operation, keys as `:name` and in lower case, like Fastify's router prints them. */
function operationsOf(document: Document, keep: (operation: Operation) => boolean = () => true): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, operation]) => keep(operation))
        .map(([method, _]) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1').toLowerCase()}`)
    )
    .sort()
}

const notEmulated = (operation: Operation) => Object.hasOwn(operation.responses, '501')

describe.each<Partial<Config>>([{}, { auth: 'off', patchMode: 'partial' }, { adminKey: 'k3y' }])(
  'GET /_mock/openapi.json with %j',
  (config) => {
    let app: FastifyInstance
    let document: Document
    beforeAll(async () => {
      ;({ app } = await buildLcwApp(config))
      document = await documentOf(app)
    })
    afterAll(async () => {
      await app.close()
    })

    it('is a valid OpenAPI 3.1 document', async () => {
      const result = await new Validator().validate(structuredClone(document))
      expect(result.errors).toBeUndefined()
      expect(result.valid).toBe(true)
    })

    it('describes exactly the routes Fastify serves, each with every method it takes', () => {
      const served = servedRoutes(app)
        .filter((route) => !route.includes('*'))
        .map((route) => {
          const [method, path = ''] = route.split(' ')
          return `${method} ${path.toLowerCase()}`
        })
      expect(operationsOf(document, (operation) => !notEmulated(operation))).toEqual(served)
    })

    it('lists the paths that answer 501 under each version, with only the errors they can answer', () => {
      const expected = API_VERSIONS.flatMap((version) =>
        notEmulatedPaths().map(({ method, path }) => `${method} /${version}${path.toLowerCase()}`)
      ).sort()
      expect(operationsOf(document, notEmulated)).toEqual(expected)
      const statuses = config.auth === 'off' ? ['501'] : ['401', '403', '501']
      for (const operation of Object.values(document.paths).flatMap((item) => Object.values(item)))
        if (notEmulated(operation)) expect(Object.keys(operation.responses)).toEqual(statuses)
    })

    it("describes the seed PATCH's body as the configured --patch-mode checks it", () => {
      const patch = document.paths['/beta/workflowBase/userProcessingResults/{id}']?.patch
      const body = patch?.requestBody as { content: Record<string, { schema: { required?: string[] } }> }
      const required = body.content['application/json']?.schema.required
      expect(required).toEqual(
        config.patchMode === 'partial' ? undefined : PATCH_BODY_SCHEMAS.strict.required
      )
      expect(required?.length ?? 0).toBe(config.patchMode === 'partial' ? 0 : 7)
    })

    it('names the server as the client reached it', () => {
      expect(document.servers).toEqual([{ url: 'http://localhost:4000' }])
    })
  }
)

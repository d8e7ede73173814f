import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { LightMyRequestResponse } from 'fastify'

type Json = Record<string, unknown>
export interface OpenApiDocument {
  paths: Record<string, Record<string, Json>>
  components: Json & { responses: Record<string, Json> }
}

/**
 * Checks real answers against the OpenAPI document: the status must be one the operation lists (or its `5XX`
 * range), and the body must match the schema of its media type, with Ajv (JSON Schema 2020-12, formats checked).
 */
export class AnswerChecker {
  readonly #document: OpenApiDocument
  readonly #ajv = new Ajv2020({ strict: false, allErrors: true })
  readonly #validators = new Map<string, ValidateFunction>()

  constructor(document: OpenApiDocument) {
    this.#document = document
    addFormats.default(this.#ajv)
  }

  /** What is wrong with the answer to `method` on the document's path `template`; empty when it conforms. */
  problems(method: string, template: string, response: LightMyRequestResponse): string[] {
    const where = `${method} ${template} → ${response.statusCode}`
    const operation = this.#document.paths[template]?.[method.toLowerCase()]
    if (operation === undefined) return [`${where}: no such operation`]
    const responses = operation.responses as Record<string, Json>
    const status = String(response.statusCode)
    const listed = responses[status] ?? responses[`${status[0]}XX`]
    if (listed === undefined) return [`${where}: the status is not listed (${Object.keys(responses)})`]
    const answer = this.#resolve(listed)
    const content = answer.content as Record<string, { schema: Json }> | undefined
    if (content === undefined) return response.body === '' ? [] : [`${where}: a body where none is described`]
    const type = String(response.headers['content-type']).split(';')[0] ?? ''
    const described = content[type]
    if (described === undefined) return [`${where}: the type ${type} is not described`]
    const value = this.#valueOf(type, response)
    const validate = this.#validator(`${where} ${type}`, described.schema)
    return validate(value) ? [] : [`${where}: ${this.#ajv.errorsText(validate.errors)}`]
  }

  #resolve(answer: Json): Json {
    const ref = answer.$ref
    if (typeof ref !== 'string') return answer
    return this.#document.components.responses[ref.split('/').at(-1) ?? ''] ?? {}
  }

  #valueOf(type: string, response: LightMyRequestResponse): unknown {
    if (type === 'application/json') return response.json()
    if (type === 'text/plain' && /^\d+$/.test(response.body)) return Number(response.body)
    return response.body
  }

  #validator(key: string, schema: Json): ValidateFunction {
    let validate = this.#validators.get(key)
    if (validate === undefined) {
      // `#/components/...` references resolve against the root of the compiled schema.
      validate = this.#ajv.compile({ ...schema, components: this.#document.components })
      this.#validators.set(key, validate)
    }
    return validate
  }
}

import { readdirSync, readFileSync } from 'node:fs'

const FIXTURES = new URL('../../fixtures/', import.meta.url)
export const DOC_ID = '78b83505-6967-4168-a7ea-4921c0543ce9'

/** The bundled record the bench addresses, found wherever the fixture format nests it. */
export function fixtureRecord(id = DOC_ID) {
  const pending = readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')))
  while (pending.length > 0) {
    const value = pending.pop()
    if (typeof value !== 'object' || value === null) continue
    if (value.id === id && 'processingStatus' in value) return value
    pending.push(...Object.values(value))
  }
  throw new Error(`No record ${id} in the bundled fixtures.`)
}

import { readFileSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { normalizeDateTimeOffset } from '../graph/edm.js'
import { compileChecker } from '../graph/schemas/describe-error.js'
import {
  type UserProcessingResult,
  UserProcessingResultSchema
} from '../graph/schemas/user-processing-result.js'

export const BUNDLED_FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url))

const record = compileChecker(UserProcessingResultSchema)

/** Start-up cannot go on; the message is the one line a user needs to fix it. */
export class FixtureError extends Error {
  override name = 'FixtureError'
}

async function fixtureFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new FixtureError(
      `Failed to load fixtures: cannot read '${path}' (${error.code ?? error.message}). Check --fixtures or FIXTURES.`
    )
  })
  if (!info.isDirectory()) return [path]
  const names = (await readdir(path)).filter((name) => name.endsWith('.json')).sort()
  if (names.length === 0)
    throw new FixtureError(`Failed to load fixtures: the folder '${path}' has no .json file.`)
  return names.map((name) => join(path, name))
}

function readJson(file: string): unknown {
  let text: string
  try {
    // Read at once into a string: the promise API keeps a Buffer as large as the file alive until a later GC,
    // which with a big fixture doubles the memory that start-up peaks at.
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new FixtureError(
      `Failed to load fixtures: cannot read '${file}' (${(error as NodeJS.ErrnoException).code}).`
    )
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new FixtureError(
      `Failed to load fixtures: '${file}' is not valid JSON (${(error as Error).message}).`
    )
  }
}

/** Normalises the date-times of a record just parsed from a file, in place: nothing else holds it yet. */
function normalizeDates(entity: UserProcessingResult): UserProcessingResult {
  // The schema has checked every date-time, so normalising cannot fail here.
  const utc = (value: string) => normalizeDateTimeOffset(value) ?? value
  if (entity.completedDateTime !== null) entity.completedDateTime = utc(entity.completedDateTime)
  entity.scheduledDateTime = utc(entity.scheduledDateTime)
  if (entity.startedDateTime !== null) entity.startedDateTime = utc(entity.startedDateTime)
  return entity
}

/**
 * Reads the seed records from a JSON file (an array of userProcessingResults) or a folder of them, validating
 * each with the API's own schema. The files are only read, never written.
 */
export async function loadFixtures(path: string): Promise<UserProcessingResult[]> {
  // Where each id was first seen, as a place to name in an error (worded only then: fixtures can be large).
  const seen = new Map<string, { file: string; index: number }>()
  const where = (place: { file: string; index: number }) => `'${place.file}' record ${place.index}`
  const records: UserProcessingResult[] = []
  for (const file of await fixtureFiles(path)) {
    const content = readJson(file)
    if (!Array.isArray(content)) {
      throw new FixtureError(
        `Failed to load fixtures: '${file}' must hold a JSON array of userProcessingResults.`
      )
    }
    content.forEach((value: unknown, index) => {
      const problem = record.firstProblem(value)
      if (problem !== undefined)
        throw new FixtureError(`Failed to load fixtures: ${where({ file, index })}: ${problem}.`)
      const entity = value as UserProcessingResult
      const earlier = seen.get(entity.id)
      if (earlier !== undefined) {
        throw new FixtureError(
          `Failed to load fixtures: ${where({ file, index })}: 'id' ${entity.id} is already used by ${where(earlier)}.`
        )
      }
      seen.set(entity.id, { file, index })
      records.push(normalizeDates(entity))
    })
  }
  return records
}

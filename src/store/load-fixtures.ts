import { readdir, readFile, stat } from 'node:fs/promises'
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

async function readJson(file: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
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

function normalizeDates(entity: UserProcessingResult): UserProcessingResult {
  // The schema has checked every date-time, so normalising cannot fail here.
  const utc = (value: string) => normalizeDateTimeOffset(value) ?? value
  return {
    ...entity,
    completedDateTime: entity.completedDateTime === null ? null : utc(entity.completedDateTime),
    scheduledDateTime: utc(entity.scheduledDateTime),
    startedDateTime: entity.startedDateTime === null ? null : utc(entity.startedDateTime)
  }
}

/**
 * Reads the seed records from a JSON file (an array of userProcessingResults) or a folder of them, validating
 * each with the API's own schema. The files are only read, never written.
 */
export async function loadFixtures(path: string): Promise<UserProcessingResult[]> {
  const seen = new Map<string, string>()
  const records: UserProcessingResult[] = []
  for (const file of await fixtureFiles(path)) {
    const content = await readJson(file)
    if (!Array.isArray(content)) {
      throw new FixtureError(
        `Failed to load fixtures: '${file}' must hold a JSON array of userProcessingResults.`
      )
    }
    content.forEach((value: unknown, index) => {
      const where = `'${file}' record ${index}`
      const problem = record.firstProblem(value)
      if (problem !== undefined) throw new FixtureError(`Failed to load fixtures: ${where}: ${problem}.`)
      const entity = value as UserProcessingResult
      const earlier = seen.get(entity.id)
      if (earlier !== undefined) {
        throw new FixtureError(
          `Failed to load fixtures: ${where}: 'id' ${entity.id} is already used by ${earlier}.`
        )
      }
      seen.set(entity.id, where)
      records.push(normalizeDates(entity))
    })
  }
  return records
}

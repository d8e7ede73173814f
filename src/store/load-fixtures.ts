import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compileChecker } from '../graph/schemas/describe-error.js'
import {
  type UserProcessingResult,
  UserProcessingResultSchema
} from '../graph/schemas/user-processing-result.js'
import { FixtureError } from './fixture-error.js'
import { normalizeRecord } from './normalize-record.js'
import type { WorkflowDefinition } from './workflow-directory.js'
import { WorkflowFixtures } from './workflow-fixtures.js'

export const BUNDLED_FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url))

const record = compileChecker(UserProcessingResultSchema)

export { FixtureError }

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

/** What the fixtures seed: the results, and the workflows and runs they belong to. */
export interface Seed {
  results: UserProcessingResult[]
  workflows: WorkflowDefinition[]
}

/**
 * Reads the seed from a JSON file or a folder of them, validating each record with the API's own schema.
 * A file holds either a plain array of userProcessingResults (they belong to the default workflow) or
 * `{ "workflows": [ { "id", "runs": [ { "id", "userProcessingResultIds" } ], "userProcessingResults" } ] }`.
 * Result ids are unique across all files. The files are only read, never written.
 */
export async function loadSeed(path: string): Promise<Seed> {
  const seen = new Map<string, string>()
  const results: UserProcessingResult[] = []
  const workflows = new WorkflowFixtures()
  const addResult = (value: unknown, where: string): string => {
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
    results.push(normalizeRecord(entity))
    return entity.id
  }
  for (const file of await fixtureFiles(path)) {
    const content = await readJson(file)
    if (Array.isArray(content)) {
      for (const [index, value] of content.entries()) addResult(value, `'${file}' record ${index}`)
    } else if (typeof content === 'object' && content !== null && 'workflows' in content) {
      workflows.read(content, file, addResult)
    } else {
      throw new FixtureError(
        `Failed to load fixtures: '${file}' must hold a JSON array of userProcessingResults ` +
          'or an object with "workflows".'
      )
    }
  }
  return { results, workflows: workflows.definitions(new Set(seen.keys())) }
}

/** The seed's records alone, for embedders that bring their own store. */
export async function loadFixtures(path: string): Promise<UserProcessingResult[]> {
  return (await loadSeed(path)).results
}

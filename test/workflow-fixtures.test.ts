import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BUNDLED_FIXTURES, FixtureError, loadFixtures, loadSeed } from '../src/store/load-fixtures.js'
import { DEFAULT_WORKFLOW_ID, WorkflowDirectory } from '../src/store/workflow-directory.js'
import { makeRecord } from './odata-helpers.js'
import { OTHER_WORKFLOW, RUN, WORKFLOW } from './workflow-helpers.js'

let folder: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'odata-fixtures-'))
})

afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

async function write(name: string, content: unknown): Promise<string> {
  const file = join(folder, name)
  await writeFile(file, JSON.stringify(content))
  return file
}

async function loadError(path: string): Promise<string> {
  const error = await loadSeed(path).catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(FixtureError)
  return (error as FixtureError).message
}

const workflow = (
  id: string,
  resultIds: string[],
  runs: { id: string; userProcessingResultIds: string[] }[] = []
) => ({
  id,
  runs,
  userProcessingResults: resultIds.map((resultId) => makeRecord(resultId))
})

describe('the workflows fixture form', () => {
  it('places results in workflows and runs', async () => {
    const seed = await loadSeed(
      await write('w.json', {
        workflows: [
          workflow('w1', ['a', 'b'], [{ id: 'r1', userProcessingResultIds: ['b'] }]),
          workflow('w2', ['c'])
        ]
      })
    )
    expect(seed.results.map((result) => result.id)).toEqual(['a', 'b', 'c'])
    expect(seed.workflows).toEqual([
      { id: 'w1', resultIds: ['a', 'b'], runs: [{ id: 'r1', resultIds: ['b'] }] },
      { id: 'w2', resultIds: ['c'], runs: [] }
    ])
    const directory = new WorkflowDirectory(seed.workflows)
    expect(directory.contains('b', 'w1', 'r1')).toBe(true)
    expect(directory.contains('a', 'w1', 'r1')).toBe(false)
    expect(directory.contains('c', 'w1')).toBe(false)
    expect(directory.workflowOf('c')).toBe('w2')
  })

  it('lets runs and results be left out', async () => {
    const seed = await loadSeed(await write('w.json', { workflows: [{ id: 'empty' }] }))
    expect(seed.workflows).toEqual([{ id: 'empty', resultIds: [], runs: [] }])
  })

  it('keeps the plain-array form, whose results belong to the default workflow', async () => {
    const seed = await loadSeed(await write('plain.json', [makeRecord('a'), makeRecord('b')]))
    expect(seed.workflows).toEqual([])
    const directory = new WorkflowDirectory(seed.workflows)
    expect(directory.hasWorkflow(DEFAULT_WORKFLOW_ID)).toBe(true)
    expect(directory.workflowOf('a')).toBe(DEFAULT_WORKFLOW_ID)
    expect(directory.contains('a', DEFAULT_WORKFLOW_ID)).toBe(true)
    expect(await loadFixtures(join(folder, 'plain.json'))).toHaveLength(2)
  })

  it('lets a run of the default workflow name plain-array results from another file', async () => {
    await write('a-plain.json', [makeRecord('p')])
    await write('b-workflows.json', {
      workflows: [workflow(DEFAULT_WORKFLOW_ID, ['q'], [{ id: 'r', userProcessingResultIds: ['p', 'q'] }])]
    })
    const directory = new WorkflowDirectory((await loadSeed(folder)).workflows)
    expect(directory.contains('p', DEFAULT_WORKFLOW_ID, 'r')).toBe(true)
    expect(directory.contains('q', DEFAULT_WORKFLOW_ID, 'r')).toBe(true)
  })

  it('stops at a run naming a result that does not exist, naming it', async () => {
    const file = await write('w.json', {
      workflows: [workflow('w1', ['a'], [{ id: 'r1', userProcessingResultIds: ['a', 'ghost'] }])]
    })
    expect(await loadError(file)).toBe(
      `Failed to load fixtures: '${file}' workflows[0].runs[0]: run r1 names the userProcessingResult 'ghost', ` +
        'which is not a result of workflow w1.'
    )
  })

  it("stops at a run naming another workflow's result", async () => {
    const file = await write('w.json', {
      workflows: [
        workflow('w1', ['a']),
        workflow('w2', ['b'], [{ id: 'r2', userProcessingResultIds: ['a'] }])
      ]
    })
    expect(await loadError(file)).toContain("workflows[1].runs[0]: run r2 names the userProcessingResult 'a'")
  })

  it('stops at a result id used twice, across workflows and files', async () => {
    await write('a.json', [makeRecord('a')])
    const second = await write('b.json', { workflows: [workflow('w1', ['b', 'a'])] })
    expect(await loadError(folder)).toBe(
      `Failed to load fixtures: '${second}' workflows[0].userProcessingResults[1]: 'id' a is already used by ` +
        `'${join(folder, 'a.json')}' record 0.`
    )
  })

  it('stops at a workflow id used twice', async () => {
    const file = await write('w.json', { workflows: [workflow('w1', []), workflow('w1', [])] })
    expect(await loadError(file)).toContain(
      `'${file}' workflows[1]: workflow id w1 is already used by '${file}' workflows[0]`
    )
  })

  it('stops at a run id used twice in one workflow', async () => {
    const runs = [
      { id: 'r', userProcessingResultIds: [] },
      { id: 'r', userProcessingResultIds: [] }
    ]
    const file = await write('w.json', { workflows: [workflow('w1', [], runs)] })
    expect(await loadError(file)).toContain('workflows[0].runs[1]: run id r is used twice in workflow w1')
  })

  it.each([
    [
      { workflows: [{ id: 'w', userProcessingResults: [{ ...makeRecord('a'), failedTasksCount: '1' }] }] },
      '\'workflows[0].userProcessingResults[0].failedTasksCount\' has the invalid value "1"'
    ],
    [
      { workflows: [{ id: 'w', runs: [{ id: 'r' }] }] },
      "'workflows[0].runs[0].userProcessingResultIds' is required"
    ],
    [{ workflows: [{ id: 'w', color: 'red' }] }, "'workflows[0].color' is not a known property"],
    [{ workflows: [{}] }, "'workflows[0].id' is required"],
    [{ workflows: {} }, "'workflows'"]
  ])('validates the form with a schema: %j', async (content, detail) => {
    const file = await write('w.json', content)
    const message = await loadError(file)
    expect(message).toContain(`Failed to load fixtures: '${file}': `)
    expect(message).toContain(detail)
  })

  it.each([[{ results: [] }], [42], ['text']])('refuses a file that is neither form: %j', async (content) => {
    const file = await write('x.json', content)
    expect(await loadError(file)).toBe(
      `Failed to load fixtures: '${file}' must hold a JSON array of userProcessingResults or an object with "workflows".`
    )
  })
})

describe('the bundled fixtures', () => {
  it("use the Graph docs' workflow and run ids", async () => {
    const seed = await loadSeed(BUNDLED_FIXTURES)
    expect(seed.workflows.map((definition) => definition.id)).toEqual([WORKFLOW, OTHER_WORKFLOW])
    expect(seed.workflows[0]?.runs).toEqual([
      { id: RUN, resultIds: ['78b83505-6967-4168-a7ea-4921c0543ce9', '16db611b-2518-48cf-89c0-3763abf8d0ab'] }
    ])
    expect(seed.workflows[1]?.resultIds).toEqual([
      'e831ffea-4156-482a-ba43-a8161f83efa8',
      'c1fab0b4-222d-4bdf-ab09-eb99fc5a8061',
      '0481a153-f437-45f0-b07c-ebe1008f10c5'
    ])
    const placed = seed.workflows.flatMap((definition) => definition.resultIds)
    expect(placed.sort()).toEqual(seed.results.map((result) => result.id).sort())
  })
})

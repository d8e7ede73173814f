import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXECUTION_TYPE_MEMBERS, PROCESSING_STATUS_MEMBERS } from '../src/graph/schemas/enums.js'
import { BUNDLED_FIXTURES, loadFixtures } from '../src/store/load-fixtures.js'

const bundledFile = join(BUNDLED_FIXTURES, 'user-processing-results.json')

// The bundled file places its records in workflows (the workflows fixture form).
async function bundled(): Promise<Record<string, unknown>[]> {
  const content = JSON.parse(await readFile(bundledFile, 'utf8'))
  return content.workflows.flatMap(
    (workflow: { userProcessingResults: unknown[] }) => workflow.userProcessingResults
  )
}

async function folderWith(files: Record<string, unknown>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'fixtures-'))
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(folder, name), typeof content === 'string' ? content : JSON.stringify(content))
  }
  return folder
}

describe('bundled fixtures', () => {
  it('load, use the Graph docs’ ids and cover every status and execution type', async () => {
    const records = await loadFixtures(BUNDLED_FIXTURES)
    const ids = records.map((record) => record.id)
    for (const id of [
      '78b83505-6967-4168-a7ea-4921c0543ce9',
      'e831ffea-4156-482a-ba43-a8161f83efa8',
      'c1fab0b4-222d-4bdf-ab09-eb99fc5a8061',
      '0481a153-f437-45f0-b07c-ebe1008f10c5',
      '16db611b-2518-48cf-89c0-3763abf8d0ab'
    ]) {
      expect(ids).toContain(id)
    }
    expect(new Set(records.map((record) => record.processingStatus))).toEqual(
      new Set(PROCESSING_STATUS_MEMBERS)
    )
    expect(new Set(records.map((record) => record.workflowExecutionType))).toEqual(
      new Set(EXECUTION_TYPE_MEMBERS)
    )
  })
})

describe('loadFixtures', () => {
  it('reads a single file, or every .json file of a folder in name order', async () => {
    const [first, second] = await bundled()
    const folder = await folderWith({ 'b.json': [second], 'a.json': [first], 'notes.txt': 'ignored' })
    expect((await loadFixtures(folder)).map((record) => record.id)).toEqual([first?.id, second?.id])
    expect(await loadFixtures(join(folder, 'b.json'))).toHaveLength(1)
  })

  it('normalises date-times to UTC', async () => {
    const [first] = await bundled()
    const folder = await folderWith({
      'a.json': [{ ...first, scheduledDateTime: '2026-11-28T10:00:00.5+02:00' }]
    })
    expect((await loadFixtures(folder))[0]?.scheduledDateTime).toBe('2026-11-28T08:00:00.5Z')
  })

  it.each([
    [
      'a bad property',
      (record: object) => [record, { ...record, id: 'other', failedTasksCount: 'two' }],
      /record 1: 'failedTasksCount' has the invalid value "two"/
    ],
    [
      'a missing property',
      (record: Record<string, unknown>) => [{ ...record, workflowVersion: undefined }],
      /record 0: 'workflowVersion' is required/
    ],
    [
      'an unknown property',
      (record: object) => [{ ...record, extra: 1 }],
      /record 0: 'extra' is not a known property/
    ],
    [
      'an evolvable enum spelled wrong',
      (record: object) => [{ ...record, processingStatus: 'Canceling' }],
      /record 0: 'processingStatus'/
    ],
    [
      'a duplicate id',
      (record: object) => [record, record],
      /record 1: 'id' 78b83505-6967-4168-a7ea-4921c0543ce9 is already used by .*record 0/
    ],
    ['not an array', (record: object) => record, /must hold a JSON array/]
  ])('stops with one line naming file, index and property for %s', async (_name, make, message) => {
    const [first] = await bundled()
    const folder = await folderWith({ 'bad.json': make(first as Record<string, unknown>) })
    const error = await loadFixtures(folder).catch((caught: Error) => caught)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).toContain('bad.json')
    expect((error as Error).message).not.toContain('\n')
  })

  it('says which file is not JSON, which path is missing, and when a folder is empty', async () => {
    const folder = await folderWith({ 'broken.json': '[{"id": ' })
    await expect(loadFixtures(folder)).rejects.toThrow(/'.*broken.json' is not valid JSON/)
    await expect(loadFixtures(join(folder, 'missing.json'))).rejects.toThrow(
      /cannot read .*missing.json.*ENOENT.*--fixtures/
    )
    await expect(loadFixtures(await folderWith({}))).rejects.toThrow(/has no .json file/)
  })

  it('says when a file cannot be read', async () => {
    const folder = await folderWith({})
    await mkdir(join(folder, 'unreadable.json'))
    await writeFile(join(folder, 'ok.json'), '[]')
    await expect(loadFixtures(folder)).rejects.toThrow(/cannot read .*unreadable.json.*EISDIR/)
  })

  it('never writes the fixture files', async () => {
    const before = await readFile(bundledFile, 'utf8')
    await loadFixtures(BUNDLED_FIXTURES)
    expect(await readFile(bundledFile, 'utf8')).toBe(before)
  })
})

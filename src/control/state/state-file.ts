import { randomUUID } from 'node:crypto'
import { open, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Snapshot } from '../../model/control/snapshot.js'
import { TenantLimitError } from '../../store/tenant-limit.js'
import type { MockState } from './mock-state.js'
import { readSnapshot, SnapshotError, takeSnapshot } from './snapshot.js'

/** The state file cannot be read, or holds no JSON. */
export class StateFileError extends Error {
  override name = 'StateFileError'
}

/** The content of the state file; `undefined` when there is none yet. A StateFileError says why it cannot be read. */
export async function readStateFile(file: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return undefined
    throw new StateFileError(`cannot be read (${code ?? (error as Error).message})`)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new StateFileError(`is not valid JSON (${(error as Error).message})`)
  }
}

/** Flushes a directory's entries (the rename) to disk; not every platform lets a directory be opened for it. */
async function syncDirectory(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => undefined)
  await handle?.sync().catch(() => undefined)
  await handle?.close()
}

/**
 * Writes the snapshot to the state file atomically: into a new file beside it, flushed to disk, then renamed over
 * it. A crash at any point leaves the previous file whole (and at worst a stray temporary file).
 */
export async function writeStateFile(file: string, snapshot: Snapshot): Promise<void> {
  const folder = dirname(file)
  const temporary = join(folder, `.${basename(file)}.${process.pid}.${randomUUID()}.tmp`)
  try {
    const handle = await open(temporary, 'wx', 0o600)
    try {
      await handle.writeFile(JSON.stringify(snapshot), 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
  await syncDirectory(folder)
}

/**
 * `--state-file` at start-up: restores the file's snapshot when there is one; whether it did. With Redis, only the
 * first replica of a deployment does. A file that cannot be restored is a StateFileError saying why.
 */
export async function restoreStateFile(state: MockState, file: string): Promise<boolean> {
  const content = await readStateFile(file)
  try {
    return await state.restoreAtStart(content === undefined ? undefined : readSnapshot(content))
  } catch (error) {
    if (error instanceof SnapshotError)
      throw new StateFileError(
        `holds no snapshot this mock can restore: ${error.message}. Fix the file, or move it away to start from the fixtures`
      )
    if (error instanceof TenantLimitError)
      throw new StateFileError(`holds more tenants than --max-tenants (MAX_TENANTS) allows (${error.limit})`)
    throw error
  }
}

/**
 * `--state-file` on shutdown, once the last request has been answered: the whole state, written atomically. A
 * failure is logged, and the previous file stays whole.
 */
export function saveStateFileOnClose(app: FastifyInstance, state: MockState, file: string): void {
  app.addHook('onClose', async () => {
    try {
      await writeStateFile(file, await takeSnapshot(state))
      app.log.info(`state written to ${file}`)
    } catch (error) {
      app.log.error(
        { err: error },
        `could not write the state to ${file}; the previous file is left as it was`
      )
    }
  })
}

/** `POST /_mock/snapshot/save`: the whole state, written to the file atomically. */
export async function saveStateFile(state: MockState, file: string): Promise<void> {
  await writeStateFile(file, await takeSnapshot(state))
}

import { Value } from '@sinclair/typebox/value'
import { expect } from 'vitest'
import { UserProcessingResultSchema } from '../../src/model/user-processing-result.js'
import type { TestServer } from './graph-server.js'

/** What every property test checks after a request, whatever the request was. */

/**
 * Fixed, so that a failure is reproducible; fast-check prints it with the failing case's path. FUZZ_SEED
 * explores other seeds: `FUZZ_SEED=$RANDOM npx vitest run properties`.
 */
export const SEED = Number(process.env.FUZZ_SEED ?? 20261128)

/** The statuses SPEC §5 answers with, and the Graph codes each may carry. */
export const SPEC_CODES: Record<number, string[]> = {
  400: ['BadRequest'],
  401: ['InvalidAuthenticationToken'],
  403: ['AccessDenied', 'Forbidden'],
  404: ['ResourceNotFound'],
  405: ['Request_BadRequest'],
  413: ['RequestEntityTooLarge'],
  415: ['UnsupportedMediaType'],
  501: ['NotImplemented']
}

type Records = Map<string, Map<string, object>>

export async function snapshot(
  server: Pick<TestServer, 'store'>,
  tenants: Iterable<string>
): Promise<Records> {
  const records: Records = new Map()
  for (const tenant of tenants) {
    records.set(tenant, new Map((await server.store.list(tenant)).map((record) => [record.id, record])))
  }
  return records
}

/** The records that are not the very same object as before (the store replaces a record on every write). */
export function changedRecords(before: Records, after: Records): { tenant: string; id: string }[] {
  const changed: { tenant: string; id: string }[] = []
  for (const [tenant, records] of after) {
    const earlier = before.get(tenant)
    for (const [id, record] of records) if (earlier?.get(id) !== record) changed.push({ tenant, id })
    for (const id of earlier?.keys() ?? []) if (!records.has(id)) changed.push({ tenant, id })
  }
  return changed
}

function prototypeState(prototype: object) {
  return Reflect.ownKeys(prototype).map((key) => [
    key,
    Reflect.getOwnPropertyDescriptor(prototype, key)?.value
  ])
}

const objectPrototypeBefore = prototypeState(Object.prototype)

export function expectPrototypesUntouched(): void {
  expect(prototypeState(Object.prototype)).toEqual(objectPrototypeBefore)
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
}

/** Every record of the given tenants passes the entity schema. */
export function expectValidRecords(records: Records): void {
  for (const tenantRecords of records.values()) {
    for (const record of tenantRecords.values())
      expect(Value.Check(UserProcessingResultSchema, record)).toBe(true)
  }
}

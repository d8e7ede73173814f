import { DEFAULT_TOKEN_TENANT } from '../model/token.js'
import type { UserProcessingResult, UserProcessingResultChanges } from '../model/user-processing-result.js'

/**
 * The tenant of requests without a token's `tid`, of every request when auth is off, and of control calls
 * without `?tenant=`: the `tid` of a token minted with defaults, so that all of them see the same data.
 */
export const DEFAULT_TENANT = DEFAULT_TOKEN_TENANT

/**
 * Where userProcessingResults live, partitioned by tenant. Every method is async and `patch` is one atomic
 * operation, so a networked backend (e.g. Redis shared by replicas) can implement it without touching routes.
 */
export interface ResultStore {
  get(tenant: string, id: string): Promise<UserProcessingResult | undefined>
  list(tenant: string): Promise<UserProcessingResult[]>
  /** Merges `changes` into the record atomically; `undefined` when there is no such record. */
  patch(
    tenant: string,
    id: string,
    changes: UserProcessingResultChanges
  ): Promise<UserProcessingResult | undefined>
  /** Replaces every record of the tenant. */
  replace(tenant: string, records: readonly UserProcessingResult[]): Promise<void>
  /** Inserts or replaces the given records of the tenant. */
  upsert(tenant: string, records: readonly UserProcessingResult[]): Promise<void>
  /** Returns one tenant, or every tenant when none is named, to the seed. */
  reset(tenant?: string): Promise<void>
}

/**
 * A write would give one more tenant its own copy of the data than `--max-tenants` allows. Nothing changed; no
 * other tenant's data is ever evicted to make room. The error handler answers it in Graph's envelope.
 */
export class TenantLimitError extends Error {
  override name = 'TenantLimitError'

  constructor(
    readonly tenant: string,
    readonly limit: number
  ) {
    super(`tenant ${tenant} cannot get its own copy: ${limit} tenants have one, the limit`)
  }
}

/** The default of `--max-tenants`: tenants with their own copy of the data at once. */
export const DEFAULT_MAX_TENANTS = 1000

/** At most `limit` requests per tenant and application in each window of `windowMs`. */
export interface RateLimit {
  limit: number
  windowMs: number
}

/**
 * Fixed throttling windows per tenant and application, kept in this process (MemoryThrottleWindows) or in Redis,
 * shared by replicas (RedisThrottleWindows). The hook and the reset route use only this.
 */
export interface ThrottleWindows {
  /** Counts a request; `undefined` when it is within the limit, else the seconds until its window frees up. */
  take(tenant: string, app: string): Promise<number | undefined>
  /** Forgets every window, or those of one tenant. */
  clear(tenant?: string): Promise<void>
}

/** Seconds until a window that ends in `remainingMs` frees up, as `Retry-After` says it: whole, at least 1. */
export function retryAfterSeconds(remainingMs: number): number {
  return Math.max(1, Math.ceil(remainingMs / 1000))
}

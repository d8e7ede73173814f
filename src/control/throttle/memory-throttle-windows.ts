import { type RateLimit, retryAfterSeconds, type ThrottleWindows } from './throttle-windows.js'

/** Bounds the memory of the windows whatever the number of tenants and apps that call. */
const MAX_KEYS = 10_000

interface Window {
  start: number
  count: number
}

/**
 * Fixed-window request counting per tenant and application in this process. Hand-written rather than
 * @fastify/rate-limit because the reset route must be able to forget one tenant's windows.
 */
export class MemoryThrottleWindows implements ThrottleWindows {
  // In order of window start, so the oldest windows are first to prune.
  readonly #windows = new Map<string, Window>()

  constructor(
    readonly limit: RateLimit,
    readonly now: () => number = Date.now
  ) {}

  async take(tenant: string, app: string): Promise<number | undefined> {
    const key = `${tenant}\n${app}`
    const now = this.now()
    let window = this.#windows.get(key)
    if (window === undefined || now - window.start >= this.limit.windowMs) {
      this.#windows.delete(key)
      this.#prune(now)
      window = { start: now, count: 0 }
      this.#windows.set(key, window)
    }
    if (window.count < this.limit.limit) {
      window.count++
      return undefined
    }
    return retryAfterSeconds(window.start + this.limit.windowMs - now)
  }

  async clear(tenant?: string): Promise<void> {
    for (const key of this.#windows.keys()) {
      if (tenant === undefined || key.startsWith(`${tenant}\n`)) this.#windows.delete(key)
    }
  }

  #prune(now: number): void {
    for (const [key, window] of this.#windows) {
      const expired = now - window.start >= this.limit.windowMs
      if (!expired && this.#windows.size < MAX_KEYS) return
      this.#windows.delete(key)
    }
  }
}

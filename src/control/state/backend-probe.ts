import type { Health } from '../../model/control/health.js'

/** What `/health` and `/ready` ask of the backend that keeps the shared state. */
export interface BackendProbe {
  health(): Health
  /** Resolves when the mock can serve; else throws why (e.g. RedisUnavailableError). */
  checkReady(): Promise<void>
}

/** State in this process: healthy and ready as long as the process runs. */
export const MEMORY_BACKEND: BackendProbe = {
  health: () => ({ status: 'ok', backend: 'memory' }),
  checkReady: async () => undefined
}

import type { RedisLog } from '../../src/store/redis/redis-connection.js'

/** A Redis connection's log that keeps nothing, for tests. */
export const SILENT_LOG: RedisLog = { info: () => undefined, warn: () => undefined }

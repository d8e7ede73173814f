import { describe, expect, it } from 'vitest'
import { ConfigError, configWith } from '../src/config.js'
import { buildServer } from '../src/server.js'
import { MemoryStore } from '../src/store/memory-store.js'

describe('buildServer and the state', () => {
  it('refuses a store of its own together with --redis-url, which keeps the records in Redis', async () => {
    const config = configWith({ logLevel: 'silent', redisUrl: 'redis://127.0.0.1:1' })
    const building = buildServer(config, { store: new MemoryStore() })
    await expect(building).rejects.toThrow(ConfigError)
    await expect(building).rejects.toThrow('with --redis-url the records are kept in Redis')
  })
})

import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import type { RedisThrottleWindows } from '../../../src/control/throttle/redis-throttle-windows.js'
import { bothBackends } from '../../helpers/backends.js'

const [, redis] = bothBackends()

describe('RedisThrottleWindows', () => {
  it('lets each window key expire with its window: a flood of tenants leaves nothing behind', async () => {
    if (redis === undefined) throw new Error('no Redis backend')
    const windows = (await redis.throttleWindows({ limit: 1, windowMs: 50 })) as RedisThrottleWindows
    await Promise.all(Array.from({ length: 200 }, (_, index) => windows.take(`tenant-${index}`, 'app')))
    const keys = () => windows.redis.run((client) => client.keys(`${windows.redis.prefix}throttle:*`))
    expect(await keys()).toHaveLength(200)
    for (let attempt = 0; attempt < 100 && (await keys()).length > 0; attempt++) await sleep(20)
    expect(await keys()).toEqual([])
  })
})

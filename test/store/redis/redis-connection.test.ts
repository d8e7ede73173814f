import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedisConnection } from '../../../src/store/redis/redis-connection.js'
import { RedisUnavailableError } from '../../../src/store/redis/redis-unavailable.js'
import { SILENT_LOG } from '../../helpers/backends.js'
import { type RedisServer, startRedisServer } from '../../helpers/redis-server.js'

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(async () => {
  await redis.close()
})

describe('RedisConnection', () => {
  it('prefixes every key and encodes its parts, so that a tenant cannot reach into another key', async () => {
    const connection = await RedisConnection.open(redis.url, 'team:', SILENT_LOG)
    try {
      expect(connection.key('throttle', 'a:b', 'c')).toBe('team:throttle:a%3Ab:c')
      expect(connection.keysBelow('throttle', 't*?[x]')).toBe('team:throttle:t\\*%3F%5Bx%5D:*')
    } finally {
      await connection.close()
    }
  })

  it('refuses a database number the server does not have, naming the URL without its password', async () => {
    const opening = RedisConnection.open(`redis://:s3cret@127.0.0.1:${redis.port}/99`, 'team:', SILENT_LOG)
    await expect(opening).rejects.toBeInstanceOf(RedisUnavailableError)
    await expect(opening).rejects.toMatchObject({
      where: `redis://:***@127.0.0.1:${redis.port}/99`,
      reason: expect.stringMatching(/DB index is out of range/)
    })
  })

  it("passes Redis's answer to a wrong command on as it is: a bug, not an outage", async () => {
    const connection = await RedisConnection.open(redis.url, 'team:', SILENT_LOG)
    try {
      const wrong = connection.run((client) => client.call('NO-SUCH-COMMAND'))
      await expect(wrong).rejects.toThrow(/unknown command/)
      await expect(wrong).rejects.not.toBeInstanceOf(RedisUnavailableError)
    } finally {
      await connection.close()
    }
  })

  it('says once when it loses Redis and when it is back, tells the listeners, and fails fast meanwhile', async () => {
    const lines: string[] = []
    const log = { info: (line: string) => lines.push(line), warn: (line: string) => lines.push(line) }
    const connection = await RedisConnection.open(redis.url, 'team:', log)
    let reconnections = 0
    connection.onReconnect(() => reconnections++)
    try {
      await redis.stop()
      await expect(connection.run((client) => client.ping())).rejects.toBeInstanceOf(RedisUnavailableError)
      // Several reconnection attempts fail the same way: one line for all of them.
      for (let attempt = 0; attempt < 100 && lines.length < 2; attempt++) await sleep(50)
      await sleep(500)
      expect(lines.filter((line) => line.includes('ECONNREFUSED'))).toHaveLength(1)
      await redis.start()
      for (let attempt = 0; attempt < 200 && connection.state !== 'ready'; attempt++) await sleep(50)
      expect(await connection.run((client) => client.ping())).toBe('PONG')
      expect(reconnections).toBe(1)
      expect(lines.filter((line) => line.startsWith('Lost the connection'))).toHaveLength(1)
      expect(lines.filter((line) => line.startsWith('Connected to Redis'))).toHaveLength(1)
    } finally {
      await connection.close()
    }
    expect(connection.state).toBe('end')
    expect(lines.filter((line) => line.startsWith('Lost the connection'))).toHaveLength(1)
  })
})

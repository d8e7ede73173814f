import { describe, expect, it } from 'vitest'
import { ConfigError, describeOptions, loadConfig } from '../src/config.js'

describe('Redis options', () => {
  it('keeps the state in memory unless a Redis URL is given, under the key prefix glm: by default', () => {
    expect(loadConfig().redisUrl).toBeUndefined()
    expect(loadConfig().redisPrefix).toBe('glm:')
  })

  it.each([
    'redis://127.0.0.1:6379',
    'redis://127.0.0.1:6379/0',
    'rediss://user:secret@redis.example:6380/3',
    'redis://[::1]:6379/15',
    'redis://redis/'
  ])('takes %s from --redis-url and REDIS_URL', (url) => {
    expect(loadConfig({ argv: ['--redis-url', url] }).redisUrl).toBe(url)
    expect(loadConfig({ env: { REDIS_URL: url } }).redisUrl).toBe(url)
  })

  it.each([
    'http://127.0.0.1:6379',
    'redis://',
    'redis://host/db1',
    'redis://host:6379/0?family=6',
    '127.0.0.1:6379'
  ])('rejects %s in one line that names the option without repeating the value', (url) => {
    const load = () => loadConfig({ env: { REDIS_URL: url } })
    expect(load).toThrow(ConfigError)
    expect(load).toThrow(
      'Invalid value for --redis-url (REDIS_URL): expected a redis:// or rediss:// URL with an optional database number, e.g. redis://127.0.0.1:6379/0.'
    )
  })

  it('takes a key prefix, and rejects one with spaces or glob characters', () => {
    expect(loadConfig({ env: { REDIS_PREFIX: 'team-a:mock:' } }).redisPrefix).toBe('team-a:mock:')
    expect(() => loadConfig({ argv: ['--redis-prefix', 'a*'] })).toThrow(
      "Invalid value 'a*' for --redis-prefix (REDIS_PREFIX): expected up to 64 characters without spaces or any of * ? [ ] \\."
    )
    expect(() => loadConfig({ argv: ['--redis-prefix', 'x'.repeat(65)] })).toThrow(/--redis-prefix/)
  })

  it('lists both in --help', () => {
    expect(describeOptions()).toMatch(
      /--redis-url <value> +REDIS_URL +keep all the state .*\(default: none\)/
    )
    expect(describeOptions()).toMatch(/--redis-prefix <value> +REDIS_PREFIX +prefix .*\(default: glm:\)/)
  })
})

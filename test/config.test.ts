import { describe, expect, it } from 'vitest'
import { ConfigError, describeOptions, loadConfig } from '../src/config.js'
import { BUNDLED_FIXTURES } from '../src/package-files.js'

describe('loadConfig', () => {
  it('defaults to port 4000 on 127.0.0.1, the bundled fixtures, auth enforced, strict PATCH, plain HTTP, pages of 100', () => {
    expect(loadConfig()).toEqual({
      port: 4000,
      host: '127.0.0.1',
      fixtures: BUNDLED_FIXTURES,
      logLevel: 'info',
      auth: 'enforce',
      patchMode: 'strict',
      pageSize: 100,
      tls: false,
      tlsHostnames: [],
      adminKey: '',
      journalSize: 1000,
      faultRate: 0,
      faultStatuses: [429, 500, 502, 503, 504],
      latencyMs: { min: 0, max: 0 },
      seed: 0,
      rateLimit: undefined,
      maxTenants: 1000,
      redisPrefix: 'glm:'
    })
  })

  it('takes a flag over a variable over the default', () => {
    const env = { PORT: '5000', AUTH: 'off', PATCH_MODE: 'partial' }
    expect(loadConfig({ env })).toMatchObject({ port: 5000, auth: 'off', patchMode: 'partial' })
    expect(loadConfig({ env, argv: ['--port', '6000', '--auth=enforce'] })).toMatchObject({
      port: 6000,
      auth: 'enforce'
    })
  })

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ env: { PORT: '' } }).port).toBe(4000)
  })

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig())).toBe(true)
  })

  it.each([
    [['--port', 'abc'], {}, "Invalid value 'abc' for --port (PORT): expected an integer from 0 to 65535."],
    [[], { PORT: '70000' }, "Invalid value '70000' for --port (PORT): expected an integer from 0 to 65535."],
    [['--auth', 'maybe'], {}, "Invalid value 'maybe' for --auth (AUTH): expected one of enforce, off."],
    [[], { LOG_LEVEL: 'loud' }, /--log-level \(LOG_LEVEL\): expected one of fatal, error/],
    [['--patch-mode', 'loose'], {}, /--patch-mode \(PATCH_MODE\): expected one of strict, partial/],
    [['--nope'], {}, "Unknown option '--nope'. Run with --help to list the options."],
    [['stray'], {}, /Run with --help/]
  ])('rejects %j %j with one line that says how to fix it', (argv, env, message) => {
    expect(() => loadConfig({ argv, env })).toThrow(ConfigError)
    expect(() => loadConfig({ argv, env })).toThrow(message)
  })

  it('describes every option with its flag, variable and default', () => {
    const help = describeOptions()
    for (const text of [
      '--port',
      'PORT',
      '4000',
      '--host',
      'HOST',
      '--fixtures',
      'FIXTURES',
      '--log-level',
      'LOG_LEVEL',
      '--auth',
      'AUTH',
      '--patch-mode',
      'PATCH_MODE'
    ]) {
      expect(help).toContain(text)
    }
  })
})

import { describe, expect, it } from 'vitest'
import { CONFIG_FLAGS, ConfigError } from '../src/config.js'
import { checkNpmKeptFlags } from '../src/npm-script-flags.js'
import { TOKEN_FLAGS } from '../src/token-command.js'

function message(run: () => void): string {
  try {
    run()
  } catch (error) {
    if (error instanceof ConfigError) return error.message
    throw error
  }
  return 'no error'
}

describe('options that npm kept for itself', () => {
  it.each([
    ['npm start --port 4002', { npm_config_port: 'true' }, ['4002'], 'npm start -- --port 4002'],
    ['npm start --port=4002', { npm_config_port: '4002' }, [], 'npm start -- --port 4002'],
    ['npm start --tls', { npm_config_tls: 'true' }, [], 'npm start -- --tls'],
    [
      'npm start --tls --log-level debug -- --host 0.0.0.0',
      { npm_config_tls: 'true', npm_config_log_level: 'true' },
      ['debug', '--host', '0.0.0.0'],
      'npm start -- --log-level debug --tls --host 0.0.0.0'
    ],
    [
      'npm start --port 1 --host h (two values: which is which is unknown)',
      { npm_config_port: 'true', npm_config_host: 'true' },
      ['1', 'h'],
      'npm start -- --port <value> --host <value> 1 h'
    ]
  ])('%s: stops with the command that passes them on', (_typed, env, argv, command) => {
    const text = message(() =>
      checkNpmKeptFlags(CONFIG_FLAGS, argv, { npm_lifecycle_event: 'start', ...env })
    )
    expect(text).toMatch(/^npm kept (--[a-z-]+,? )+for itself \(options before '--' are npm's\)/)
    expect(text.endsWith(`Run: ${command}`)).toBe(true)
  })

  it('names npm run for a script other than start, and quotes values with spaces', () => {
    const text = message(() =>
      checkNpmKeptFlags(TOKEN_FLAGS, [], { npm_lifecycle_event: 'token', npm_config_scopes: 'A B' })
    )
    expect(text).toMatch(/Run: npm run token -- --scopes 'A B'$/)
  })

  it.each([
    ['outside npm', { npm_config_port: 'true' }],
    ['in npm without any of our options', { npm_lifecycle_event: 'start', npm_config_cache: '/tmp' }]
  ])('says nothing %s', (_where, env) => {
    expect(message(() => checkNpmKeptFlags(CONFIG_FLAGS, ['--port', '1'], env))).toBe('no error')
  })
})

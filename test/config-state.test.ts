import { describe, expect, it } from 'vitest'
import { describeOptions, loadConfig } from '../src/config.js'

describe('state options', () => {
  it('keeps at most 1000 tenants with their own copy, and no state file, by default', () => {
    expect(loadConfig()).toMatchObject({ maxTenants: 1000 })
    expect(loadConfig().stateFile).toBeUndefined()
  })

  it('takes --max-tenants and --state-file, or their variables', () => {
    expect(loadConfig({ env: { MAX_TENANTS: '5', STATE_FILE: 'state.json' } })).toMatchObject({
      maxTenants: 5,
      stateFile: 'state.json'
    })
    expect(loadConfig({ argv: ['--max-tenants', '7', '--state-file', '/tmp/s.json'] })).toMatchObject({
      maxTenants: 7,
      stateFile: '/tmp/s.json'
    })
  })

  it.each(['0', '-1', 'many', '1000001'])('rejects --max-tenants %s, naming the option', (value) => {
    expect(() => loadConfig({ env: { MAX_TENANTS: value } })).toThrow(
      `Invalid value '${value}' for --max-tenants (MAX_TENANTS): expected an integer from 1 to 1000000.`
    )
  })

  it('lists both in --help', () => {
    expect(describeOptions()).toMatch(/--max-tenants <value> +MAX_TENANTS +.*507 \(default: 1000\)/)
    expect(describeOptions()).toMatch(
      /--state-file <value> +STATE_FILE +restore the state .*\(default: none\)/
    )
  })
})

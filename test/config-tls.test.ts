import { describe, expect, it } from 'vitest'
import { ConfigError, describeOptions, loadConfig } from '../src/config.js'

describe('TLS options', () => {
  it.each([
    { argv: [], env: {}, tls: false },
    { argv: ['--tls'], env: {}, tls: true },
    { argv: [], env: { TLS: '1' }, tls: true },
    { argv: [], env: { TLS: 'true' }, tls: true },
    { argv: [], env: { TLS: 'TRUE' }, tls: true },
    { argv: [], env: { TLS: '0' }, tls: false },
    { argv: [], env: { TLS: 'false' }, tls: false },
    { argv: [], env: { TLS: '' }, tls: false },
    { argv: ['--tls'], env: { TLS: '0' }, tls: true }
  ])('argv $argv and env $env give tls=$tls', ({ argv, env, tls }) => {
    expect(loadConfig({ argv, env }).tls).toBe(tls)
  })

  it('rejects a TLS value that is not a boolean, naming the flag and the variable', () => {
    expect(() => loadConfig({ env: { TLS: 'yes' } })).toThrow(
      new ConfigError("Invalid value 'yes' for --tls (TLS): expected true, false, 1 or 0.")
    )
  })

  it('reads extra certificate names as a comma-separated list, from the flag before the variable', () => {
    expect(loadConfig().tlsHostnames).toEqual([])
    expect(loadConfig({ env: { TLS_HOSTNAMES: 'graph-mock, 10.0.0.5,,' } }).tlsHostnames).toEqual([
      'graph-mock',
      '10.0.0.5'
    ])
    expect(
      loadConfig({ argv: ['--tls-hostnames', 'a.example,::1'], env: { TLS_HOSTNAMES: 'b' } }).tlsHostnames
    ).toEqual(['a.example', '::1'])
  })

  it.each(['https://graph-mock', 'graph-mock:4000', 'two words'])(
    'rejects %j as a certificate name',
    (name) => {
      expect(() => loadConfig({ argv: ['--tls-hostnames', name] })).toThrow(
        /--tls-hostnames \(TLS_HOSTNAMES\)/
      )
    }
  )

  it('leaves the file options out unless given', () => {
    const config = loadConfig()
    expect(config).not.toHaveProperty('tlsCert')
    expect(config).not.toHaveProperty('tlsKey')
    expect(config).not.toHaveProperty('tlsCertOut')
    const files = loadConfig({
      argv: ['--tls-cert', 'c.pem', '--tls-cert-out', 'out.pem'],
      env: { TLS_KEY: 'k.pem', TLS_CERT: 'ignored.pem' }
    })
    expect(files).toMatchObject({ tlsCert: 'c.pem', tlsKey: 'k.pem', tlsCertOut: 'out.pem' })
  })

  it('lists every TLS option in --help', () => {
    const help = describeOptions()
    expect(help).toMatch(/--tls {2,}TLS {2,}.*\(default: false\)/)
    for (const [flag, variable] of [
      ['--tls-hostnames <value>', 'TLS_HOSTNAMES'],
      ['--tls-cert <value>', 'TLS_CERT'],
      ['--tls-key <value>', 'TLS_KEY'],
      ['--tls-cert-out <value>', 'TLS_CERT_OUT']
    ]) {
      expect(help).toMatch(new RegExp(`${flag} +${variable} +.*\\(default: none\\)`))
    }
  })
})

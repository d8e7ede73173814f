import { describe, expect, it } from 'vitest'
import { ConfigError, describeOptions, loadConfig } from '../src/config.js'

describe('test-control options', () => {
  it('reads every option from its flag and its variable, decoding their syntax', () => {
    const env = {
      ADMIN_KEY: 'secret',
      JOURNAL_SIZE: '50',
      FAULT_RATE: '0.25',
      FAULT_STATUSES: '503, 429',
      LATENCY_MS: '20-80',
      SEED: '42',
      RATE_LIMIT: '100/10s',
      REPORT_OUT: 'report.md'
    }
    expect(loadConfig({ env })).toMatchObject({
      adminKey: 'secret',
      journalSize: 50,
      faultRate: 0.25,
      faultStatuses: [503, 429],
      latencyMs: { min: 20, max: 80 },
      seed: 42,
      rateLimit: { limit: 100, windowMs: 10_000 },
      reportOut: 'report.md'
    })
    const argv = ['--rate-limit', '5/1m', '--latency-ms', '30', '--fault-statuses', '500', '--admin-key', 'k']
    argv.push('--report-out', 'ci/report.json', '--journal-size', '0')
    expect(loadConfig({ env, argv })).toMatchObject({
      adminKey: 'k',
      reportOut: 'ci/report.json',
      journalSize: 0,
      faultStatuses: [500],
      latencyMs: { min: 30, max: 30 },
      rateLimit: { limit: 5, windowMs: 60_000 }
    })
  })

  it.each([
    [
      '--rate-limit',
      '250ms',
      /--rate-limit \(RATE_LIMIT\): expected 'off' or requests per window such as 100\/10s/
    ],
    ['--rate-limit', '0/10s', /--rate-limit \(RATE_LIMIT\): expected 'off' or requests per window/],
    ['--rate-limit', '10/5d', /window in ms, s, m or h/],
    [
      '--fault-rate',
      '1.5',
      "Invalid value '1.5' for --fault-rate (FAULT_RATE): expected a number from 0 to 1."
    ],
    ['--fault-rate', 'often', /--fault-rate \(FAULT_RATE\): expected a number from 0 to 1/],
    [
      '--fault-statuses',
      '500,418',
      /--fault-statuses \(FAULT_STATUSES\): expected a comma-separated list of 429, 500/
    ],
    [
      '--latency-ms',
      '200-50',
      "Invalid value '200-50' for --latency-ms (LATENCY_MS): the minimum 200 is above the maximum 50."
    ],
    ['--latency-ms', 'slow', /--latency-ms \(LATENCY_MS\): expected milliseconds as 'min-max'/],
    ['--latency-ms', '0-70000', /--latency-ms \(LATENCY_MS\): delays are limited to 60000 ms/],
    ['--journal-size', '100001', /--journal-size \(JOURNAL_SIZE\): expected an integer from 0 to 100000/],
    ['--report-out', '', /--report-out \(REPORT_OUT\): expected a non-empty value/],
    ['--seed', '4294967296', /--seed \(SEED\): expected an integer from 0 to 4294967295/]
  ])('rejects %s %s with a line naming the option', (flag, value, message) => {
    expect(() => loadConfig({ argv: [flag, value] })).toThrow(ConfigError)
    expect(() => loadConfig({ argv: [flag, value] })).toThrow(message)
  })

  it('lists the options in --help with their variables and defaults', () => {
    const help = describeOptions()
    for (const [flag, variable, fallback] of [
      ['--admin-key', 'ADMIN_KEY', 'none'],
      ['--journal-size', 'JOURNAL_SIZE', '1000'],
      ['--fault-rate', 'FAULT_RATE', '0'],
      ['--fault-statuses', 'FAULT_STATUSES', '429,500,502,503,504'],
      ['--latency-ms', 'LATENCY_MS', '0'],
      ['--seed', 'SEED', '0'],
      ['--rate-limit', 'RATE_LIMIT', 'off'],
      ['--report-out', 'REPORT_OUT', 'none']
    ]) {
      expect(help).toMatch(new RegExp(`${flag} <value>\\s+${variable}\\s.*\\(default: ${fallback}\\)`))
    }
  })
})

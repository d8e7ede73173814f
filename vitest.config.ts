import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // These two run only in the child processes that cli.test.ts, cli-tls.test.ts and shutdown.test.ts start,
      // where the test process's V8 coverage cannot see them.
      exclude: ['src/cli.ts', 'src/token-command.ts'],
      // The table goes to a file, so that the run still ends with the summary line CI reads.
      reporter: [['text', { file: 'coverage.txt' }], 'json-summary'],
      thresholds: { lines: 90 }
    }
  }
})

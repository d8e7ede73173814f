import type { Reporter, TestModule } from 'vitest/node'

/** Ends the run with the plain 'N passed, N failed' line that CI reads, whatever the runner. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const count = (state: 'passed' | 'failed' | 'skipped') =>
      modules.reduce((total, module) => total + [...module.children.allTests(state)].length, 0)
    process.stdout.write(
      `\nvitest: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped\n`
    )
  }
}

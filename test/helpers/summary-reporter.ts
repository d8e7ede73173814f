import type { Reporter, TestModule } from 'vitest/node'

interface CoverageSummary {
  lines: { pct: number }
  branches: { pct: number }
}

/** Prints the plain 'N passed, N failed' line that CI reads, whatever the runner, after the coverage totals. */
export default class SummaryReporter implements Reporter {
  #coverage = ''

  /** Coverage comes before the end of the run: keep its totals for the last lines (the table goes to a file). */
  onCoverage(coverage: unknown): void {
    const { lines, branches } = (coverage as { getCoverageSummary(): CoverageSummary }).getCoverageSummary()
    this.#coverage = `coverage of src/: ${lines.pct} % of lines, ${branches.pct} % of branches (per file: coverage/coverage.txt)\n`
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const count = (state: 'passed' | 'failed' | 'skipped') =>
      modules.reduce((total, module) => total + [...module.children.allTests(state)].length, 0)
    process.stdout.write(
      `\n${this.#coverage}vitest: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped\n`
    )
  }
}

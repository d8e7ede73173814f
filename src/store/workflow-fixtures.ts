import { compileChecker } from '../graph/schemas/describe-error.js'
import { FixtureError } from './fixture-error.js'
import { DEFAULT_WORKFLOW_ID, type WorkflowDefinition } from './workflow-directory.js'
import { type WorkflowsFixture, WorkflowsFixtureSchema } from './workflow-fixture-schema.js'

const workflowsFixture = compileChecker(WorkflowsFixtureSchema)

interface Collected extends WorkflowDefinition {
  where: string
  runs: { id: string; resultIds: string[]; where: string }[]
}

/**
 * Collects the workflows of fixture files in the `{ "workflows": [...] }` form and checks what a schema
 * cannot: unique workflow ids, unique run ids per workflow, and runs naming only their workflow's results.
 */
export class WorkflowFixtures {
  readonly #workflows = new Map<string, Collected>()

  /** Reads one file's content; `addResult` stores a result and returns its id. */
  read(content: unknown, file: string, addResult: (value: unknown, where: string) => string): void {
    const problem = workflowsFixture.firstProblem(content)
    if (problem !== undefined) throw new FixtureError(`Failed to load fixtures: '${file}': ${problem}.`)
    ;(content as WorkflowsFixture).workflows.forEach((workflow, index) => {
      const where = `'${file}' workflows[${index}]`
      const earlier = this.#workflows.get(workflow.id)
      if (earlier !== undefined) {
        throw new FixtureError(
          `Failed to load fixtures: ${where}: workflow id ${workflow.id} is already used by ${earlier.where}.`
        )
      }
      const resultIds = (workflow.userProcessingResults ?? []).map((value, r) =>
        addResult(value, `${where}.userProcessingResults[${r}]`)
      )
      const runs = (workflow.runs ?? []).map((run, r) => ({
        id: run.id,
        resultIds: run.userProcessingResultIds,
        where: `${where}.runs[${r}]`
      }))
      for (const [r, run] of runs.entries()) {
        if (runs.findIndex((other) => other.id === run.id) !== r) {
          throw new FixtureError(
            `Failed to load fixtures: ${run.where}: run id ${run.id} is used twice in workflow ${workflow.id}.`
          )
        }
      }
      this.#workflows.set(workflow.id, { id: workflow.id, resultIds, runs, where })
    })
  }

  /**
   * The workflows, once every file is read. A loaded result that no workflow lists belongs to the default
   * workflow, so a run of that workflow may name it; a run naming any other result stops start-up.
   */
  definitions(loadedIds: ReadonlySet<string>): WorkflowDefinition[] {
    const owners = new Map<string, string>()
    for (const workflow of this.#workflows.values()) {
      for (const id of workflow.resultIds) owners.set(id, workflow.id)
    }
    const workflowOf = (id: string) => owners.get(id) ?? (loadedIds.has(id) ? DEFAULT_WORKFLOW_ID : undefined)
    for (const workflow of this.#workflows.values()) {
      for (const run of workflow.runs) {
        const stranger = run.resultIds.find((id) => workflowOf(id) !== workflow.id)
        if (stranger !== undefined) {
          throw new FixtureError(
            `Failed to load fixtures: ${run.where}: run ${run.id} names the userProcessingResult '${stranger}', ` +
              `which is not a result of workflow ${workflow.id}.`
          )
        }
      }
    }
    return [...this.#workflows.values()].map(({ id, resultIds, runs }) => ({
      id,
      resultIds,
      runs: runs.map((run) => ({ id: run.id, resultIds: run.resultIds }))
    }))
  }
}

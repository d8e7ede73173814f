import fc from 'fast-check'
import { WORLD } from '../lcw.js'
import { odataQuery } from './odata-paths.js'
import { anyJson } from './primitives.js'

/** The Lifecycle Workflows tree around the results under both versions, its 501 paths, and resume requests. */

const version = fc.constantFrom('/beta', '/v1.0')
const LCW = '/identityGovernance/lifecycleWorkflows'
const workflowId = fc.constantFrom(
  WORLD.workflow,
  WORLD.offboarding,
  WORLD.deletedWorkflow,
  'no-such-workflow'
)
const SUMMARY = 'summary(startDateTime=2022-08-01T00:00:00Z,endDateTime=2026-12-01T00:00:00Z)'
const tail = fc.constantFrom(
  '',
  '/$count',
  '/tasks',
  `/tasks/${WORLD.task}`,
  `/tasks/${WORLD.customTask}/taskProcessingResults`,
  '/runs',
  '/runs/$count',
  `/runs/${WORLD.run}`,
  `/runs/${SUMMARY}`,
  `/runs/${WORLD.offboardingRun}/taskProcessingResults`,
  '/executionScope',
  `/userProcessingResults/${WORLD.result}/taskProcessingResults`,
  `/userProcessingResults/${WORLD.result}/taskProcessingResults/${WORLD.taskResult}/subject`,
  `/userProcessingResults/${WORLD.waiting}/taskProcessingResults/${WORLD.waitingTask}/task`,
  `/userProcessingResults/${WORLD.reprocessedResult}/reprocessedRuns`,
  `/userProcessingResults/${WORLD.result}/subject`,
  '/versions',
  '/microsoft.graph.identityGovernance.activate',
  '/colors'
)
export const treePath = fc
  .record({
    version,
    set: fc.constantFrom('/workflows', '/deletedItems/workflows'),
    workflowId,
    tail,
    query: odataQuery
  })
  .map(({ version, set, workflowId, tail, query }) => {
    const path = tail === '' || tail === '/$count' ? `${set}${tail}` : `${set}/${workflowId}${tail}`
    return `${version}${LCW}${path}${query === '' ? '' : `?${query}`}`
  })

export const notEmulatedPath = fc
  .record({
    version,
    path: fc.constantFrom(
      '/customTaskExtensions',
      '/settings',
      '/taskDefinitions/x',
      '/workflowTemplates',
      '/insights/x'
    )
  })
  .map(({ version, path }) => `${version}${LCW}${path}`)

/** `resume` of the waiting task results, of others, and of nothing, with near-valid and random bodies. */
export const resumeRequest = fc.record({
  url: fc
    .record({
      version,
      target: fc.constantFrom(
        [WORLD.offboarding, WORLD.waiting, WORLD.waitingTask],
        [WORLD.offboarding, WORLD.waiting2, WORLD.waitingTask2],
        [WORLD.workflow, WORLD.result, WORLD.taskResult],
        [WORLD.offboarding, WORLD.waiting, 'no-such-task-result']
      ),
      name: fc.constantFrom('microsoft.graph.identityGovernance.resume', 'resume', 'Resume')
    })
    .map(
      ({ version, target: [workflow, result, taskResult], name }) =>
        `${version}${LCW}/workflows/${workflow}/userProcessingResults/${result}/taskProcessingResults/${taskResult}/${name}`
    ),
  payload: fc.oneof(
    fc
      .record({
        data: fc.record({
          operationStatus: fc.constantFrom('completed', 'Failed', 'unknownFutureValue', 'done', '')
        }),
        source: fc.constant('sample'),
        type: fc.constant('lifecycleEvent')
      })
      .map((body) => JSON.stringify(body)),
    anyJson.map((value) => JSON.stringify(value))
  )
})

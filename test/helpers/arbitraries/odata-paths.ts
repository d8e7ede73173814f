import fc from 'fast-check'
import { resultId } from './paths.js'
import { FIXTURE_IDS, headerText } from './primitives.js'

/** The real Graph read paths under workflows and runs, with OData query options and `$filter` expressions. */

const WORKFLOW = '/beta/identityGovernance/lifecycleWorkflows/workflows'
const scopes = fc.constantFrom(
  `${WORKFLOW}/14879e66-9ea9-48d0-804d-8fea672d0341`,
  `${WORKFLOW}/14879e66-9ea9-48d0-804d-8fea672d0341/runs/dad77a47-6eda-4de7-bc37-fe8eb5aaf17d`,
  `${WORKFLOW}/156ce798-1eb6-4e0a-8515-e79f54d04390`,
  `${WORKFLOW}/00000000-0000-0000-0000-000000000000`
)
const filterProperty = fc.constantFrom(
  'id',
  'processingStatus',
  'workflowExecutionType',
  'subject/id',
  'completedDateTime',
  'scheduledDateTime',
  'startedDateTime',
  'failedTasksCount',
  'foo'
)
const filterLiteral = fc.oneof(
  fc.constantFrom(
    "'completed'",
    "'o''brien'",
    'null',
    '2022-08-24T23:28:01.1348863Z',
    '2022-08-24',
    "'canceling'"
  ),
  fc.constantFrom(
    "microsoft.graph.identityGovernance.lifecycleWorkflowProcessingStatus'completed'",
    '1',
    'true'
  ),
  fc.constantFrom(...FIXTURE_IDS).map((id) => `'${id}'`),
  headerText
)
const { filter } = fc.letrec<{ filter: string }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .tuple(filterProperty, fc.constantFrom('eq', 'ne', 'lt', 'le', 'gt', 'ge', 'has', 'in'), filterLiteral)
      .map((parts) => parts.join(' ')),
    fc
      .tuple(tie('filter'), fc.constantFrom('and', 'or', 'AND'), tie('filter'))
      .map((parts) => parts.join(' ')),
    tie('filter').map((inner) => `not (${inner})`),
    tie('filter').map((inner) => `(${inner})`)
  )
}))
const odataValue = (value: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 4, arbitrary: value.map(encodeURIComponent) }, value)
const odataOption = fc.oneof(
  odataValue(fc.oneof({ weight: 4, arbitrary: filter }, headerText)).map((value) => `$filter=${value}`),
  fc
    .integer({ min: 1, max: 300 })
    .map((depth) => `$filter=${'('.repeat(depth)}id eq 'a'${')'.repeat(depth)}`),
  odataValue(
    fc.constantFrom('id', 'completedDateTime desc,id', 'processingStatus asc', 'subject', 'x y z')
  ).map((value) => `$orderby=${value}`),
  odataValue(fc.constantFrom('id', '*', 'id,subject', 'nope', '')).map((value) => `$select=${value}`),
  fc
    .oneof(fc.integer({ min: -5, max: 2000 }).map(String), headerText)
    .map((value) => `$top=${encodeURIComponent(value)}`),
  fc.constantFrom(
    '$count=true',
    '$count=false',
    '$count=maybe',
    '$expand=subject',
    '$skip=1',
    '$search=x',
    '$xyz=1'
  ),
  fc
    .oneof(fc.base64String({ maxLength: 60 }), headerText)
    .map((token) => `$skiptoken=${encodeURIComponent(token)}`)
)
export const odataQuery = fc
  .array(fc.tuple(odataOption, fc.boolean(), fc.boolean()), { maxLength: 4 })
  .map((options) =>
    options
      .map(([option, dropDollar, upper]) => {
        const name = dropDollar ? option.replace(/^\$/, '') : option
        return upper ? name.replace(/^[^=]+/, (key) => key.toUpperCase()) : name
      })
      .join('&')
  )
export const readPath = fc
  .record({
    scope: scopes,
    tail: fc.oneof(
      fc.constantFrom(
        '',
        '/$count',
        '/summary(startDateTime=2022-08-01T00:00:00Z,endDateTime=2022-09-01T00:00:00Z)'
      ),
      fc.constantFrom(
        '/microsoft.graph.identityGovernance.summary(startDateTime=2022-08-01T00:00:00Z,endDateTime=x)',
        '/summary(startDateTime=2022-09-01T00:00:00Z,endDateTime=2022-08-01T00:00:00Z)',
        '/summary()'
      ),
      resultId.map((id) => `/${id}`)
    ),
    query: odataQuery
  })
  .map(({ scope, tail, query }) => `${scope}/userProcessingResults${tail}${query === '' ? '' : `?${query}`}`)

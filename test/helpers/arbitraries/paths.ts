import fc from 'fast-check'
import { DOC_ID } from '../graph-server.js'
import { FIXTURE_IDS, PROTOTYPE_KEYS } from './primitives.js'

/** Paths: the seed path with odd ids, case and queries, and random segments. */

export const pathSegment = fc.oneof(
  fc.constantFrom(
    'beta',
    'workflowBase',
    'userProcessingResults',
    'identityGovernance',
    '_mock',
    'health',
    '..',
    '.',
    '',
    '%',
    '%zz',
    '%00',
    '%2F',
    '%C0%AF',
    ...PROTOTYPE_KEYS
  ),
  fc.webSegment(),
  fc.string({ unit: 'binary', maxLength: 12 }).map(encodeURIComponent)
)
const query = fc.oneof(
  fc.constantFrom('', '?', '?$select=id', '?$filter=%zz', '?__proto__[polluted]=1', '?a=1&a=2'),
  fc.webQueryParameters().map((text) => `?${text}`)
)
export const resultId = fc.oneof(
  { weight: 4, arbitrary: fc.constant(DOC_ID) },
  { weight: 2, arbitrary: fc.constantFrom(...FIXTURE_IDS) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: pathSegment },
  { weight: 1, arbitrary: fc.integer({ min: 900, max: 3000 }).map((length) => 'a'.repeat(length)) }
)
export const resultPath = fc
  .record({
    prefix: fc.oneof(
      { weight: 6, arbitrary: fc.constant('/beta/workflowBase/userProcessingResults/') },
      fc.mixedCase(fc.constant('/beta/workflowBase/userProcessingResults/'))
    ),
    id: resultId,
    slash: fc.constantFrom('', '', '', '/'),
    query
  })
  .map(({ prefix, id, slash, query }) => `${prefix}${id}${slash}${query}`)

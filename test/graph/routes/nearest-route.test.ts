import { describe, expect, it } from 'vitest'
import { nearestRoute, type ServedPath } from '../../../src/graph/routes/nearest-route.js'

const SEED = '/beta/workflowBase/userProcessingResults/:id'
const WORKFLOW = '/beta/identityGovernance/lifecycleWorkflows/workflows/:workflowId'
const PATHS: ServedPath[] = [
  { url: SEED, methods: ['GET', 'PATCH'] },
  { url: `${WORKFLOW}/userProcessingResults`, methods: ['GET'] },
  { url: `${WORKFLOW}/userProcessingResults/$count`, methods: ['GET'] },
  { url: `${WORKFLOW}/runs/:runId/userProcessingResults`, methods: ['GET'] }
]
const SEED_DOC = '/beta/workflowBase/userProcessingResults/{id}'
const LIST_DOC = '/beta/identityGovernance/lifecycleWorkflows/workflows/{workflowId}/userProcessingResults'

describe('nearestRoute', () => {
  it.each([
    [
      'another API version',
      'GET',
      '/v1.0/workflowBase/userProcessingResults/u1',
      {
        method: 'GET',
        path: SEED_DOC,
        why: 'another API version: the route is served under /beta, not /v1.0'
      }
    ],
    [
      'no API version',
      'PATCH',
      '/workflowBase/userProcessingResults/u1',
      { method: 'PATCH', path: SEED_DOC, why: 'the API version is missing: the route is served under /beta' }
    ],
    [
      'a misspelt segment',
      'GET',
      '/beta/workflowBase/userProcessingResult/u1',
      {
        method: 'GET',
        path: SEED_DOC,
        why: "'userProcessingResult' is misspelt: the route has 'userProcessingResults'"
      }
    ],
    [
      'a misspelt and mis-cased segment (case alone is no difference: Graph paths ignore it)',
      'GET',
      '/BETA/WorkflowBase/UserProcesingResults/u1',
      {
        method: 'GET',
        path: SEED_DOC,
        why: "'UserProcesingResults' is misspelt: the route has 'userProcessingResults'"
      }
    ],
    [
      'a missing key',
      'GET',
      '/beta/workflowBase/userProcessingResults',
      { method: 'GET', path: SEED_DOC, why: "the key {id} is missing after 'userProcessingResults'" }
    ],
    [
      'a missing key in the middle',
      'GET',
      '/beta/identityGovernance/lifecycleWorkflows/workflows/userProcessingResults',
      { method: 'GET', path: LIST_DOC, why: "the key {workflowId} is missing after 'workflows'" }
    ],
    [
      'a segment too many',
      'GET',
      '/beta/workflowBase/userProcessingResults/u1/subject',
      { method: 'GET', path: SEED_DOC, why: "'subject' is one segment too many" }
    ],
    [
      'a method the path does not take',
      'DELETE',
      '/beta/workflowBase/userProcessingResults/u1',
      { method: 'PATCH', path: SEED_DOC, why: 'DELETE is not allowed here: the route takes GET, PATCH' }
    ],
    [
      'a write on a read-only path',
      'POST',
      '/beta/identityGovernance/lifecycleWorkflows/workflows/w1/userProcessingResults',
      { method: 'GET', path: LIST_DOC, why: 'POST is not allowed here: the route takes GET' }
    ],
    [
      'a missing segment',
      'GET',
      '/beta/identityGovernance/workflows/w1/userProcessingResults',
      { method: 'GET', path: LIST_DOC, why: "the segment 'lifecycleWorkflows' is missing" }
    ],
    [
      'a wrong segment, and percent-encoding read as the router does',
      'GET',
      '/beta/identityGovernance/lifecycleWorkflows/workflows/w1/run%7A/r1/userProcessingResults',
      {
        method: 'GET',
        path: '/beta/identityGovernance/lifecycleWorkflows/workflows/{workflowId}/runs/{runId}/userProcessingResults',
        why: "'runz' is misspelt: the route has 'runs'"
      }
    ]
  ])('names %s', (_case, method, url, nearest) => {
    expect(nearestRoute(PATHS, method, `${url}?$top=1`)).toEqual(nearest)
  })

  it('lists at most three differences', () => {
    const nearest = nearestRoute(PATHS, 'DELETE', '/v2/workflowbase/userProcessingResult/u1/a/b')
    expect(nearest?.why.split('; ')).toHaveLength(3)
    expect(nearest?.path).toBe(SEED_DOC)
  })

  it.each(['/favicon.ico', '/', '/beta', '/beta/me/messages', `/beta/${'x'.repeat(200)}`])(
    'is null for %s: nothing served shares a segment with it besides the version',
    (url) => {
      expect(nearestRoute(PATHS, 'GET', url)).toBeNull()
    }
  )

  it('is null without served paths', () => {
    expect(nearestRoute([], 'GET', '/beta/workflowBase/userProcessingResults/u1')).toBeNull()
  })

  it('explains a path that matches but that the router refused (a key over its length limit)', () => {
    expect(
      nearestRoute(PATHS, 'GET', `/beta/workflowBase/userProcessingResults/${'k'.repeat(2000)}`)
    ).toEqual({
      method: 'GET',
      path: SEED_DOC,
      why: 'a key of the path is too long for the mock'
    })
  })
})

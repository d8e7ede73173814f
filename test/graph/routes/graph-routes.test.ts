import { describe, expect, it } from 'vitest'
import {
  READ_PERMISSIONS,
  REPORT_READ_PERMISSIONS,
  WRITE_PERMISSIONS
} from '../../../src/graph/auth/permissions.js'
import { RouteTable } from '../../../src/graph/errors/not-found.js'
import { GraphRoutes } from '../../../src/graph/routes/graph-routes.js'
import { documentedPath } from '../../../src/graph/routes/nearest-route.js'

const SEED = '/beta/workflowBase/userProcessingResults/:id'
const LIST = '/beta/identityGovernance/lifecycleWorkflows/workflows/:workflowId/userProcessingResults'

function routes(): GraphRoutes {
  const table = new RouteTable()
  table.add({ method: 'GET', url: SEED, config: { permissions: READ_PERMISSIONS } })
  table.add({ method: 'PATCH', url: SEED, config: { permissions: WRITE_PERMISSIONS } })
  table.add({
    method: 'GET',
    url: LIST,
    config: { permissions: REPORT_READ_PERMISSIONS, queryTarget: 'collection' }
  })
  table.add({
    method: 'GET',
    url: `${LIST}/:id`,
    config: { permissions: REPORT_READ_PERMISSIONS, queryTarget: 'entity' }
  })
  table.add({ method: 'GET', url: '/_mock/health' })
  table.add({ method: 'GET', url: '/_mock/*' })
  return new GraphRoutes(table)
}

describe('GraphRoutes', () => {
  it('writes keys as Graph documents them', () => {
    expect(documentedPath(LIST)).toBe(
      '/beta/identityGovernance/lifecycleWorkflows/workflows/{workflowId}/userProcessingResults'
    )
  })

  it('names the route that served a request', () => {
    expect(routes().match('PATCH', '/beta/workflowBase/userProcessingResults/u1', SEED)).toEqual({
      matched: true,
      route: 'PATCH /beta/workflowBase/userProcessingResults/{id}',
      nearest: null
    })
  })

  it('finds the nearest Graph route for a request no route took, never a control route', () => {
    const graph = routes()
    const verdict = graph.match('GET', '/beta/workflowBase/userProcessingResults/u1/x?y=1', undefined)
    expect(verdict).toMatchObject({ matched: false, route: null, nearest: { path: documentedPath(SEED) } })
    expect(graph.match('GET', '/beta/workflowBase/userProcessingResults/u1/x', undefined)).toEqual(verdict)
    expect(graph.match('GET', '/_mock/healthz', undefined).nearest).toBeNull()
  })

  it('holds a routed request with a query option its route does not take as unmatched, naming the option', () => {
    const graph = routes()
    expect(
      graph.match(
        'GET',
        '/beta/identityGovernance/lifecycleWorkflows/workflows/w/userProcessingResults?$skip=2',
        LIST
      )
    ).toEqual({
      matched: false,
      route: `GET ${documentedPath(LIST)}`,
      nearest: {
        method: 'GET',
        path: documentedPath(LIST),
        why: "the query option '$skip' is not taken by this path: it takes $filter, $orderby, $select, $top, $count, $skiptoken, $expand"
      }
    })
    expect(graph.match('GET', `/beta/x/u?$top=1`, `${LIST}/:id`).nearest?.why).toBe(
      "the query option '$top' is not taken by this path: it takes $select, $expand"
    )
    // A route that declares no query target is not judged on its query string.
    expect(graph.match('GET', '/beta/workflowBase/userProcessingResults/u?$skip=1', SEED).matched).toBe(true)
  })

  it('reads each route its permissions and whether it is a collection', () => {
    const graph = routes()
    expect(graph.permissionsOf(`PATCH ${documentedPath(SEED)}`)).toEqual(WRITE_PERMISSIONS)
    expect(graph.permissionsOf(`GET ${documentedPath(LIST)}`)).toEqual(REPORT_READ_PERMISSIONS)
    expect(graph.permissionsOf('GET /beta/nowhere')).toEqual([])
    expect(graph.isCollection(`GET ${documentedPath(LIST)}`)).toBe(true)
    expect(graph.isCollection(`GET ${documentedPath(SEED)}`)).toBe(false)
  })
})

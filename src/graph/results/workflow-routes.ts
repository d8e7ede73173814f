import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ResultStore } from '../../store/result-store.js'
import type { WorkflowDirectory } from '../../store/workflow-directory.js'
import { REPORT_READ_PERMISSIONS } from '../auth/permissions.js'
import { asOData } from '../http/headers.js'
import { wantsUnknownEnumMembers } from '../http/request-headers.js'
import { parseCollectionQuery, parseCountQuery, parseEntityQuery } from '../odata/collection-query.js'
import { applyQuery, nextLinkFor } from '../odata/paging.js'
import { type QueryTarget, readQueryOptions } from '../odata/query-options.js'
import { selectProperties } from '../odata/select.js'
import { parseSummaryParams, type SummaryWindow } from '../odata/summary-params.js'
import { contextUrl, rawQuery } from '../odata/urls.js'
import { presentResult } from './present.js'
import { resultQueryTable } from './query-table.js'
import { type ResultScope, ScopedResults, scopePath } from './scope.js'
import { summarize } from './user-summary.js'

export interface LifecycleWorkflowOptions {
  store: ResultStore
  workflows: WorkflowDirectory
  /** Items per page when the client sends no $top. */
  pageSize: number
}

interface Scoped {
  Params: { workflowId: string; runId?: string; id?: string }
}

const WORKFLOW = '/identityGovernance/lifecycleWorkflows/workflows/:workflowId'
const COLLECTIONS = [`${WORKFLOW}/userProcessingResults`, `${WORKFLOW}/runs/:runId/userProcessingResults`]
const SUMMARY_CONTEXT = 'microsoft.graph.identityGovernance.userSummary'

/**
 * Real Graph's read paths for userProcessingResults, under a workflow and under one of its runs: the
 * collection (with OData query options and paging), `/$count`, one result, and `summary(...)`. GET only;
 * other methods get the core's 405.
 */
export async function lifecycleWorkflowRoutes(app: FastifyInstance, options: LifecycleWorkflowOptions) {
  const results = new ScopedResults(options.store, options.workflows)
  const scopeOf = (request: FastifyRequest<Scoped>): ResultScope => ({
    workflowId: request.params.workflowId,
    runId: request.params.runId
  })
  const presented = async (request: FastifyRequest<Scoped>) => {
    const unknownMembers = wantsUnknownEnumMembers(request)
    const records = await results.list(request.tenant, scopeOf(request))
    return {
      entities: records.map((record) => presentResult(record, unknownMembers)),
      table: resultQueryTable(unknownMembers)
    }
  }
  // The route's permissions, and what its query string addresses (for the journal's matched requests).
  const route = (queryTarget: QueryTarget) => ({
    config: { permissions: REPORT_READ_PERMISSIONS, queryTarget }
  })

  for (const collection of COLLECTIONS) {
    app.get<Scoped>(collection, route('collection'), async function listResults(request, reply) {
      const { entities, table } = await presented(request)
      const plan = parseCollectionQuery(rawQuery(request), table)
      const { page, total, nextSkiptoken } = applyQuery(entities, plan, options.pageSize)
      return asOData(reply).send({
        '@odata.context': contextUrl(request, scopePath(scopeOf(request)), plan.select),
        ...(plan.count ? { '@odata.count': total } : {}),
        ...(nextSkiptoken === undefined ? {} : { '@odata.nextLink': nextLinkFor(request, nextSkiptoken) }),
        value: page.map((entity) => selectProperties(entity, plan.select))
      })
    })

    app.get<Scoped>(`${collection}/$count`, route('count'), async function countResults(request, reply) {
      const { entities, table } = await presented(request)
      const { filter } = parseCountQuery(rawQuery(request), table)
      const count = filter === undefined ? entities.length : entities.filter(filter).length
      return reply.type('text/plain; charset=utf-8').header('odata-version', '4.0').send(String(count))
    })

    // One segment serves both `{id}` and `summary(...)`: Graph addresses the function as a key-like segment.
    app.get<Scoped>(`${collection}/:id`, route('entity'), async function getResultOrSummary(request, reply) {
      const segment = request.params.id ?? ''
      const window = parseSummaryParams(segment)
      if (window !== undefined) return sendSummary(request, reply, window)
      const unknownMembers = wantsUnknownEnumMembers(request)
      const { select } = parseEntityQuery(rawQuery(request), resultQueryTable(unknownMembers))
      const record = await results.get(request.tenant, scopeOf(request), segment)
      return asOData(reply).send({
        '@odata.context': contextUrl(request, scopePath(scopeOf(request)), select, '/$entity'),
        ...selectProperties(presentResult(record, unknownMembers), select)
      })
    })
  }

  async function sendSummary(request: FastifyRequest<Scoped>, reply: FastifyReply, window: SummaryWindow) {
    readQueryOptions(rawQuery(request), 'function')
    const records = await results.list(request.tenant, scopeOf(request))
    return asOData(reply).send({
      '@odata.context': contextUrl(request, SUMMARY_CONTEXT),
      ...summarize(records, window)
    })
  }
}

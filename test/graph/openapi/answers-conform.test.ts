import type { FastifyInstance, InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, DOC_ID, validBody } from '../../helpers/graph-server.js'
import { buildLcwApp, resumeBody, WORLD } from '../../helpers/lcw.js'
import { AnswerChecker, type OpenApiDocument } from '../../helpers/openapi-answers.js'

/** A key of each kind from the bundled world, so that most paths lead somewhere (the others answer 404). */
const KEYS: Record<string, string> = {
  id: DOC_ID,
  workflowId: WORLD.workflow,
  runId: WORLD.run,
  resultId: WORLD.result,
  taskId: WORLD.task,
  taskResultId: WORLD.taskResult,
  reprocessedRunId: WORLD.reprocessingRun
}
const SUMMARY = 'summary(startDateTime=2026-11-01T00:00:00Z,endDateTime=2026-12-01T00:00:00Z)'

const fill = (template: string, keys: Record<string, string> = KEYS) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) =>
    template.includes('/deletedItems/') && name === 'workflowId' ? WORLD.deletedWorkflow : (keys[name] ?? 'x')
  )

interface Call {
  template: string
  method: string
  url: string
  options?: Omit<InjectOptions, 'url' | 'method'>
}

const token = { authorization: bearer() }
const json = (payload: unknown) => ({
  headers: { ...token, 'content-type': 'application/json' },
  payload: JSON.stringify(payload)
})

/** Reads of every served Graph GET: as they are, with the options their target takes, without a token. */
function graphReads(document: OpenApiDocument): Call[] {
  return Object.entries(document.paths).flatMap(([template, item]) => {
    const get = item.get
    if (get === undefined || template.startsWith('/_mock') || '501' in (get.responses as object)) return []
    const url = fill(template)
    const names = ((get.parameters ?? []) as { $ref?: string }[]).map((parameter) => parameter.$ref ?? '')
    const query = names.some((name) => name.endsWith('/top'))
      ? '?$top=1&$count=true'
      : /userProcessingResults\/\{resultId\}$|executionScope\/\{resultId\}$/.test(template)
        ? '?$expand=subject,taskProcessingResults'
        : ''
    const calls: Call[] = [
      { template, method: 'GET', url: `${url}${query}`, options: { headers: token } },
      { template, method: 'GET', url },
      { template, method: 'GET', url: `${url}?$skip=1`, options: { headers: token } }
    ]
    if ((get.summary as string).includes('summary(')) {
      const summary = url.replace(/[^/]+$/, SUMMARY)
      calls.push({ template, method: 'GET', url: summary, options: { headers: token } })
    }
    return calls
  })
}

const OFFBOARDING = `/beta/identityGovernance/lifecycleWorkflows/workflows/${WORLD.offboarding}`
const RESUME = `${OFFBOARDING}/userProcessingResults/{resultId}/taskProcessingResults/{taskResultId}/resume`
const TREE = '/beta/identityGovernance/lifecycleWorkflows/workflows/{workflowId}'

/** Writes, batches, a path that answers 501, and every control call. */
const OTHER_CALLS: Call[] = [
  {
    template: '/beta/workflowBase/userProcessingResults/{id}',
    method: 'PATCH',
    url: fill('/beta/workflowBase/userProcessingResults/{id}'),
    options: json(validBody())
  },
  {
    template: '/beta/workflowBase/userProcessingResults/{id}',
    method: 'PATCH',
    url: fill('/beta/workflowBase/userProcessingResults/{id}'),
    options: json(validBody({ processingStatus: 'done' }))
  },
  {
    template: '/beta/workflowBase/userProcessingResults/{id}',
    method: 'PATCH',
    url: '/beta/workflowBase/userProcessingResults/nobody',
    options: json(validBody())
  },
  {
    template: '/beta/workflowBase/userProcessingResults/{id}',
    method: 'PATCH',
    url: fill('/beta/workflowBase/userProcessingResults/{id}'),
    options: { headers: { ...token, 'content-type': 'text/plain' }, payload: 'x' }
  },
  ...[resumeBody('completed'), resumeBody('completed'), { data: {} }].map((payload) => ({
    template: `${TREE}/userProcessingResults/{resultId}/taskProcessingResults/{taskResultId}/resume`,
    method: 'POST',
    url: fill(RESUME, { resultId: WORLD.waiting, taskResultId: WORLD.waitingTask }),
    options: json(payload)
  })),
  {
    template: '/beta/$batch',
    method: 'POST',
    url: '/beta/$batch',
    options: json({
      requests: [{ id: '1', method: 'GET', url: `/workflowBase/userProcessingResults/${DOC_ID}` }]
    })
  },
  { template: '/v1.0/$batch', method: 'POST', url: '/v1.0/$batch', options: json({ requests: [] }) },
  {
    template: `${TREE}/microsoft.graph.identityGovernance.activate`,
    method: 'POST',
    url: fill(`${TREE}/microsoft.graph.identityGovernance.activate`),
    options: json({})
  },
  {
    template: `${TREE}/microsoft.graph.identityGovernance.activate`,
    method: 'POST',
    url: fill(`${TREE}/microsoft.graph.identityGovernance.activate`)
  },
  ...[
    '/_mock',
    '/_mock/health',
    '/_mock/ca.pem',
    '/_mock/openapi.json',
    '/_mock/report',
    '/_mock/requests',
    '/_mock/requests/count',
    '/_mock/faults',
    '/_mock/userProcessingResults',
    '/_mock/workflows'
  ].map((url) => ({ template: url, method: 'GET', url })),
  { template: '/_mock/inspector/{file}', method: 'GET', url: '/_mock/inspector/app.js' },
  { template: '/_mock/inspector/{file}', method: 'GET', url: '/_mock/inspector/nothing.js' },
  { template: '/_mock/report', method: 'GET', url: '/_mock/report?format=markdown' },
  { template: '/_mock/requests', method: 'GET', url: '/_mock/requests?status=abc' },
  {
    template: '/_mock/faults',
    method: 'POST',
    url: '/_mock/faults',
    options: json({ status: 503, times: 1 })
  },
  { template: '/_mock/faults', method: 'POST', url: '/_mock/faults', options: json({ status: 200 }) },
  { template: '/_mock/faults', method: 'DELETE', url: '/_mock/faults' },
  {
    template: '/_mock/token',
    method: 'POST',
    url: '/_mock/token',
    options: json({ roles: ['LifecycleWorkflows.Read.All'] })
  },
  {
    template: '/_mock/userProcessingResults',
    method: 'POST',
    url: '/_mock/userProcessingResults',
    options: json([{ id: 'x' }])
  },
  {
    template: '/_mock/workflows',
    method: 'PUT',
    url: '/_mock/workflows',
    options: json({ workflows: [{}] })
  },
  { template: '/_mock/requests', method: 'DELETE', url: '/_mock/requests' },
  { template: '/_mock/reset', method: 'POST', url: '/_mock/reset' }
]

describe('answers, checked against the OpenAPI document the server describes them with', () => {
  let app: FastifyInstance
  let document: OpenApiDocument
  let checker: AnswerChecker
  beforeAll(async () => {
    ;({ app } = await buildLcwApp())
    document = (await app.inject({ url: '/_mock/openapi.json' })).json()
    checker = new AnswerChecker(document)
  })
  afterAll(async () => {
    await app.close()
  })

  it('every Graph read, with its options, without a token and with an option it refuses', async () => {
    const calls = graphReads(document)
    const problems: string[] = []
    const statuses = new Set<number>()
    for (const { template, method, url, options } of calls) {
      const response = await app.inject({ method: 'GET', url, ...options })
      statuses.add(response.statusCode)
      problems.push(...checker.problems(method, template, response))
    }
    expect(problems).toEqual([])
    expect(calls.length).toBeGreaterThan(300)
    expect([...statuses].sort()).toEqual([200, 400, 401, 404])
  })

  it('writes, resume, batches, a 501 and every control call', async () => {
    const problems: string[] = []
    const statuses = new Set<number>()
    for (const { template, method, url, options } of OTHER_CALLS) {
      const response = await app.inject({ method: method as 'GET', url, ...options })
      statuses.add(response.statusCode)
      problems.push(...checker.problems(method, template, response))
    }
    expect(problems).toEqual([])
    expect([...statuses].sort()).toEqual([200, 201, 204, 400, 401, 404, 415, 501])
  })
})

describe('with an admin key, the document says which control calls need it', () => {
  it('each /_mock operation without the key answers 401 exactly when it lists the adminKey scheme', async () => {
    const { app } = await buildLcwApp({ adminKey: 'k3y' })
    const document: OpenApiDocument = (await app.inject({ url: '/_mock/openapi.json' })).json()
    const mismatches: string[] = []
    for (const [template, item] of Object.entries(document.paths)) {
      if (!template.startsWith('/_mock') || template.endsWith('/stream')) continue
      for (const [method, operation] of Object.entries(item)) {
        const url = template.replace('{file}', 'app.js')
        const response = await app.inject({ method: method.toUpperCase() as 'GET', url })
        const guarded = JSON.stringify(operation.security ?? []).includes('adminKey')
        if (guarded !== (response.statusCode === 401)) mismatches.push(`${method} ${template}`)
      }
    }
    await app.close()
    expect(mismatches).toEqual([])
  })
})

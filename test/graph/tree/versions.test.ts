import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_TOKEN_TENANT } from '../../../src/model/token.js'
import { control, journal } from '../../helpers/control.js'
import { errorOf, validBody } from '../../helpers/graph-server.js'
import { body, buildLcwApp, call, lcw, WORLD } from '../../helpers/lcw.js'

let app: FastifyInstance
beforeEach(async () => {
  ;({ app } = await buildLcwApp())
})
afterEach(async () => {
  await app.close()
})

const EXTENSIBILITY = `/workflows/${WORLD.workflow}/userProcessingResults/9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1ec5`
const PREFER = { prefer: 'include-unknown-enum-members' }

describe('/v1.0', () => {
  it('writes v1.0 context URLs', async () => {
    const json = body(await call(app, `${lcw('v1.0')}/workflows/${WORLD.workflow}/runs/${WORLD.run}`))
    expect(json['@odata.context']).toBe(
      `http://localhost:80/v1.0/$metadata#identityGovernance/lifecycleWorkflows/workflows('${WORLD.workflow}')/runs/$entity`
    )
  })

  it('has no extensibilityOnDemand: shown as unknownFutureValue even with Prefer, and no member in $filter', async () => {
    const beta = body(await call(app, `${lcw('beta')}${EXTENSIBILITY}`, { headers: PREFER }))
    expect(beta.workflowExecutionType).toBe('extensibilityOnDemand')
    const v1 = body(await call(app, `${lcw('v1.0')}${EXTENSIBILITY}`, { headers: PREFER }))
    expect(v1.workflowExecutionType).toBe('unknownFutureValue')
    const filter = "$filter=workflowExecutionType eq 'extensibilityOnDemand'"
    const refused = await call(
      app,
      `${lcw('v1.0')}/workflows/${WORLD.workflow}/userProcessingResults?${filter}`,
      {
        headers: PREFER
      }
    )
    expect(refused.statusCode).toBe(400)
    expect(errorOf(refused).message).toContain(
      'use one of: scheduled, onDemand, unknownFutureValue, activatedWithScope, preview.'
    )
  })

  it('keeps the evolvable members of both versions behind Prefer', async () => {
    const url = `${lcw('v1.0')}/workflows/${WORLD.workflow}/userProcessingResults/7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9ca3`
    expect(body(await call(app, url)).processingStatus).toBe('unknownFutureValue')
    expect(body(await call(app, url, { headers: PREFER })).processingStatus).toBe('canceling')
  })

  it('has no seed path: the draft PATCH and GET are beta only', async () => {
    const path = `/workflowBase/userProcessingResults/${WORLD.result}`
    const get = await call(app, `/v1.0${path}`)
    expect(get.statusCode).toBe(400)
    expect(errorOf(get).message).toBe("Resource not found for the segment 'workflowBase'.")
    const patch = await call(app, `/v1.0${path}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      payload: validBody()
    })
    expect(patch.statusCode).toBe(400)
    expect((await call(app, `/beta${path}`)).statusCode).toBe(200)
  })

  it('goes through the journal and the faults like beta', async () => {
    const url = `${lcw('v1.0')}/workflows`
    await call(app, url)
    const [entry] = await journal(app, `?tenant=${DEFAULT_TOKEN_TENANT}`)
    expect(entry).toMatchObject({
      method: 'GET',
      path: '/v1.0/identityGovernance/lifecycleWorkflows/workflows',
      status: 200
    })
    const fault = await control(app, 'POST', '/faults', { path: '/v1.0/**', status: 503, retryAfter: 1 })
    expect(fault.statusCode).toBe(201)
    expect((await call(app, url)).statusCode).toBe(503)
    expect((await call(app, `${lcw('beta')}/workflows`)).statusCode).toBe(200)
  })
})

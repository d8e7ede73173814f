import { Client } from '@microsoft/microsoft-graph-client'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { control, findingsOf, journal } from '../helpers/control.js'
import { DOC_ID, validBody } from '../helpers/graph-server.js'
import { type ListeningServer, startListeningServer } from '../helpers/listening-server.js'

// Plain HTTP, where the v3 client strips Authorization for a host that is not Graph: so AUTH=off.
let server: ListeningServer
beforeEach(async () => {
  server = await startListeningServer({ auth: 'off', tls: false })
})
afterEach(async () => server.close())

it('the v3 Graph client retries a `times: 2` 429 rule and succeeds; the journal shows the three attempts', async () => {
  const rule = await control(server.app, 'POST', '/faults', {
    method: 'PATCH',
    path: '/beta/workflowBase/userProcessingResults/*',
    status: 429,
    retryAfter: 0,
    times: 2
  })
  expect(rule.statusCode).toBe(201)
  const client = Client.init({
    baseUrl: server.origin,
    defaultVersion: 'beta',
    authProvider: (done) => done(null, 'unused-over-http')
  })

  const body = validBody({ workflowVersion: 21 })
  const updated = await client.api(`/workflowBase/userProcessingResults/${DOC_ID}`).patch(body)

  expect(updated).toMatchObject({ id: DOC_ID, workflowVersion: 21 })
  const attempts = await journal(server.app, '?method=PATCH')
  expect(attempts.map((entry) => entry.status)).toEqual([429, 429, 200])
  expect(attempts.map((entry) => entry.headers['retry-attempt'])).toEqual([undefined, '1', '2'])
  expect(attempts.every((entry) => JSON.stringify(entry.requestBody) === JSON.stringify(body))).toBe(true)
  expect((await control(server.app, 'GET', '/faults')).json()).toEqual([])
})

it('the v3 RetryHandler waits out Retry-After: 1 of two 429s, so the report has no retry-too-early', async () => {
  await control(server.app, 'POST', '/faults', { method: 'PATCH', status: 429, retryAfter: 1, times: 2 })
  const client = Client.init({
    baseUrl: server.origin,
    defaultVersion: 'beta',
    authProvider: (done) => done(null, 'unused-over-http')
  })

  await client.api(`/workflowBase/userProcessingResults/${DOC_ID}`).patch(validBody({ workflowVersion: 22 }))

  const attempts = await journal(server.app, '?method=PATCH')
  expect(attempts.map((entry) => entry.status)).toEqual([429, 429, 200])
  expect(await findingsOf(server.app, 'retry-too-early')).toEqual([])
  expect(await findingsOf(server.app, 'retry-storm')).toEqual([])
})

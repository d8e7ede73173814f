import { randomUUID } from 'node:crypto'
import type { Dispatcher } from 'undici'
import { mintToken } from '../src/model/token.js'

/** The soak's request mix: valid and invalid requests, each with the one status it must get. */

const RESULTS = '/beta/workflowBase/userProcessingResults'
const IDS = [
  '78b83505-6967-4168-a7ea-4921c0543ce9',
  'e831ffea-4156-482a-ba43-a8161f83efa8',
  'c1fab0b4-222d-4bdf-ab09-eb99fc5a8061'
]
const JSON_TYPE = 'application/json'
const DAY = 24 * 3600

// Minted once for the whole soak.
const writer = `Bearer ${mintToken({ expiresIn: DAY })}`
const reader = `Bearer ${mintToken({ scopes: ['LifecycleWorkflows.Read.All'], expiresIn: DAY })}`
const expired = `Bearer ${mintToken({ expired: true })}`
const tenantWriters = ['soak-1', 'soak-2', 'soak-3'].map(
  (tenant) => `Bearer ${mintToken({ tenant, expiresIn: DAY })}`
)

function body(workflowVersion: number): string {
  return JSON.stringify({
    completedDateTime: null,
    failedTasksCount: workflowVersion % 3,
    processingStatus: 'inProgress',
    scheduledDateTime: '2026-11-28T10:00:00Z',
    startedDateTime: '2026-11-28T10:00:05.1234567+02:00',
    totalTasksCount: 4,
    totalUnprocessedTasksCount: 1,
    workflowExecutionType: 'onDemand',
    workflowVersion
  })
}

type Options = Omit<Dispatcher.RequestOptions, 'origin'>

export interface Kind {
  name: string
  expected: number
  /** The request to send as the n-th of the run. */
  build(n: number): Options
}

const patch = (path: string, authorization: string, payload: string, type = JSON_TYPE): Options => ({
  method: 'PATCH',
  path,
  headers: { authorization, 'content-type': type },
  body: payload
})
const get = (path: string, headers: Record<string, string> = {}): Options => ({
  method: 'GET',
  path,
  headers
})

export const KINDS: Kind[] = [
  { name: 'PATCH, valid', expected: 200, build: (n) => patch(`${RESULTS}/${IDS[n % 3]}`, writer, body(n)) },
  {
    name: 'PATCH, valid, in one of three tenants',
    expected: 200,
    build: (n) => patch(`${RESULTS}/${IDS[1]}`, tenantWriters[n % 3] ?? writer, body(n))
  },
  { name: 'GET, valid', expected: 200, build: () => get(`${RESULTS}/${IDS[0]}`, { authorization: reader }) },
  {
    name: 'GET, evolvable enums shown',
    expected: 200,
    build: () =>
      get(`${RESULTS}/${IDS[2]}`, { authorization: reader, prefer: 'include-unknown-enum-members' })
  },
  { name: 'GET /_mock/health', expected: 200, build: () => get('/_mock/health') },
  {
    name: 'GET, unknown id',
    expected: 404,
    build: () => get(`${RESULTS}/${randomUUID()}`, { authorization: reader })
  },
  {
    name: 'GET, a new unknown path each time',
    expected: 400,
    build: (n) => get(`/beta/soak-${n}/x?$top=${n}`)
  },
  { name: 'GET, malformed URL', expected: 400, build: () => get('/beta/%a') },
  {
    name: 'PATCH, invalid values',
    expected: 400,
    build: () =>
      patch(
        `${RESULTS}/${IDS[0]}`,
        writer,
        JSON.stringify({ failedTasksCount: '1', processingStatus: 'Done', subject: {}, foo: [[[]]] })
      )
  },
  {
    name: 'PATCH, malformed JSON (server closes)',
    expected: 400,
    build: () => patch(`${RESULTS}/${IDS[0]}`, writer, '{"failedTasksCount": ')
  },
  {
    name: 'PATCH, text/plain',
    expected: 415,
    build: () => patch(`${RESULTS}/${IDS[0]}`, writer, 'hello', 'text/plain')
  },
  {
    name: 'PATCH, no token',
    expected: 401,
    build: () => ({ ...patch(`${RESULTS}/${IDS[0]}`, '', '{}'), headers: { 'content-type': JSON_TYPE } })
  },
  {
    name: 'GET, expired token',
    expected: 401,
    build: () => get(`${RESULTS}/${IDS[0]}`, { authorization: expired })
  },
  {
    name: 'PATCH, read-only token',
    expected: 403,
    build: (n) => patch(`${RESULTS}/${IDS[0]}`, reader, body(n))
  },
  {
    name: 'DELETE',
    expected: 405,
    build: () => ({ method: 'DELETE', path: `${RESULTS}/${IDS[0]}`, headers: { authorization: writer } })
  }
]

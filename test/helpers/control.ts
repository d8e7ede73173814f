import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { JournalEntry } from '../../src/model/control/journal-entry.js'
import type { Finding, Report, Rule } from '../../src/model/control/report.js'
import { bearer, SEED_PATH } from './graph-server.js'

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

/** A call to the /_mock API, JSON in and out. */
export function control(
  app: FastifyInstance,
  method: Method,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {}
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url: `/_mock${url}`,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object })
  })
}

/** The journal's entries for a query string such as `?tenant=a`. */
export async function journal(app: FastifyInstance, query = ''): Promise<JournalEntry[]> {
  const response = await control(app, 'GET', `/requests${query}`)
  if (response.statusCode !== 200) throw new Error(`journal: ${response.statusCode} ${response.body}`)
  return response.json()
}

/** GET of the seed record, as a tenant's token (or none, with AUTH=off). */
export function getSeed(
  app: FastifyInstance,
  tenant?: string,
  path = SEED_PATH
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'GET',
    url: path,
    headers: tenant === undefined ? {} : { authorization: bearer({ tenant }) }
  })
}

/** `GET /_mock/report` as JSON. */
export async function report(app: FastifyInstance, query = ''): Promise<Report> {
  const response = await control(app, 'GET', `/report${query}`)
  if (response.statusCode !== 200) throw new Error(`report: ${response.statusCode} ${response.body}`)
  return response.json()
}

/** The report's findings of one rule. */
export async function findingsOf(app: FastifyInstance, rule: Rule, query = ''): Promise<Finding[]> {
  return (await report(app, query)).findings.filter((finding) => finding.rule === rule)
}

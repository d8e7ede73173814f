import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { TextSchema } from '../../model/control/control-answers.js'
import { type ReportQuery, ReportQuerySchema, ReportSchema } from '../../model/control/report.js'
import type { Journal } from '../journal/journal.js'
import type { RouteFacts } from '../request-facts.js'
import { buildReport } from './report.js'
import { reportMarkdown } from './report-markdown.js'

export interface ReportOptions {
  journal: Journal
  routes: RouteFacts
}

/** `?format=` decides; without it, `Accept: text/markdown` asks for Markdown. */
function wantsMarkdown(request: FastifyRequest<{ Querystring: ReportQuery }>): boolean {
  if (request.query.format !== undefined) return request.query.format === 'markdown'
  return /\btext\/markdown\b/i.test(request.headers.accept ?? '')
}

/** `GET /report`: findings, permissions and unmatched requests, as JSON or as Markdown for a CI job summary. */
export const reportRoutes: FastifyPluginAsyncTypebox<ReportOptions> = async (app, { journal, routes }) => {
  app.get(
    '/report',
    {
      schema: { querystring: ReportQuerySchema },
      config: {
        openapi: {
          summary: "Findings about the clients' behaviour, the permissions report, the unmatched requests",
          answer: { content: { 'application/json': ReportSchema, 'text/markdown': TextSchema } }
        }
      }
    },
    async function getReport(request, reply) {
      const report = await buildReport(journal, routes, request.query.tenant)
      if (!wantsMarkdown(request)) return report
      return reply.type('text/markdown; charset=utf-8').send(reportMarkdown(report))
    }
  )
}

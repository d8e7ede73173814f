import type { FastifyReply, FastifyRequest } from 'fastify'
import { asOData } from '../http/headers.js'
import { readQueryOptions } from './query-options.js'
import { parseSummaryParams, type SummaryWindow } from './summary-params.js'
import { contextUrl, rawQuery } from './urls.js'

/**
 * `summary(startDateTime=…,endDateTime=…)` bound to a collection: answers when the key segment calls it (short
 * or namespace-qualified), with the complex type `typeName` that `summarize` computes; `undefined` otherwise.
 */
export function summaryFunction(
  typeName: string,
  summarize: (request: FastifyRequest, window: SummaryWindow) => Promise<object>
) {
  return (
    request: FastifyRequest,
    reply: FastifyReply,
    segment: string
  ): Promise<FastifyReply> | undefined => {
    const window = parseSummaryParams(segment)
    if (window === undefined) return undefined
    return (async () => {
      readQueryOptions(rawQuery(request), 'function')
      const summary = await summarize(request, window)
      return asOData(reply).send({ '@odata.context': contextUrl(request, typeName), ...summary })
    })()
  }
}

import type { TObject } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { asOData } from '../http/headers.js'
import type { BoundFunction } from './collection-routes.js'
import { readQueryOptions } from './query-options.js'
import { parseSummaryParams, type SummaryWindow } from './summary-params.js'
import { contextUrl, rawQuery } from './urls.js'

/**
 * `summary(startDateTime=…,endDateTime=…)` bound to a collection: answers when the key segment calls it (short
 * or namespace-qualified), with the complex type `result` (its title is Graph's type name) that `summarize`
 * computes; `undefined` otherwise.
 */
export function summaryFunction(
  result: TObject,
  summarize: (request: FastifyRequest, window: SummaryWindow) => Promise<object>
): BoundFunction {
  const typeName = String(result.title)
  return {
    result,
    answer(request: FastifyRequest, reply: FastifyReply, segment: string) {
      const window = parseSummaryParams(segment)
      if (window === undefined) return undefined
      return (async () => {
        readQueryOptions(rawQuery(request), 'function')
        const summary = await summarize(request, window)
        return asOData(reply).send({ '@odata.context': contextUrl(request, typeName), ...summary })
      })()
    }
  }
}

import { type FastifyReply, type FastifyRequest, LogController } from 'fastify'

/**
 * One log line per request (request-id, method, URL, status, duration in ms rounded to 0.01), never a header or
 * a body.
 */
export class RequestLog extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'request-id' })
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      duration: Math.round(reply.elapsedTime * 100) / 100
    }
    if (error) request.log.error({ ...line, err: error }, 'request failed')
    else request.log.info(line, 'request completed')
  }
}

import { type Static, Type } from '@sinclair/typebox'

/** `GET /_mock/health`: the process is alive; which backend keeps the shared state, and how it is. */
export const HealthSchema = Type.Object({
  /** `degraded` while the Redis backend cannot be used; the answer is 200 either way, for liveness probes. */
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  backend: Type.Union([Type.Literal('memory'), Type.Literal('redis')]),
  /** The Redis connection's state: `ready`, `connecting`, `connect`, `reconnecting`, `close` or `end`. */
  redis: Type.Optional(Type.String())
})
export type Health = Static<typeof HealthSchema>

/** `GET /_mock/ready` when the mock can serve (otherwise a 503 in Graph's envelope). */
export const ReadySchema = Type.Object({ ready: Type.Literal(true) })
export type Ready = Static<typeof ReadySchema>

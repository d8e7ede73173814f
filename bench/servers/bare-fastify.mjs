// Bare Fastify: one route that merges the PATCH body into a stored object; no auth, validation or logging.
import Fastify from 'fastify'
import { DOC_ID, fixtureRecord } from './fixture-record.mjs'

const records = new Map([[DOC_ID, fixtureRecord()]])
const path = '/beta/workflowBase/userProcessingResults/:id'
const app = Fastify()

app.get(path, async (request) => records.get(request.params.id))
app.patch(path, async (request) => {
  const merged = { ...records.get(request.params.id), ...request.body }
  records.set(request.params.id, merged)
  return merged
})

const url = await app.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(`bare Fastify ready: base URL ${url}/beta\n`)
process.on('SIGTERM', () => app.close())

// Bare Fastify: one route that merges the PATCH body into a stored object; no auth, validation or logging.
import { readFileSync } from 'node:fs'
import Fastify from 'fastify'

const records = new Map(
  JSON.parse(readFileSync(new URL('../../fixtures/user-processing-results.json', import.meta.url))).map(
    (record) => [record.id, record]
  )
)
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

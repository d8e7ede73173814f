import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  bearer,
  DOC_ID,
  SEED_PATH,
  type TestServer,
  testServer,
  validBody
} from '../../helpers/graph-server.js'

let server: TestServer
let base: string
beforeAll(async () => {
  server = await testServer()
  base = await server.app.listen({ port: 0, host: '127.0.0.1' })
})
afterAll(async () => {
  await server.app.close()
})

it('keeps every PATCH atomic under hundreds of parallel requests on one id', async () => {
  const bodies = Array.from({ length: 300 }, (_, index) =>
    validBody({
      failedTasksCount: index,
      totalTasksCount: index + 1,
      workflowVersion: index,
      scheduledDateTime: `2026-11-28T10:00:${String(index % 60).padStart(2, '0')}Z`
    })
  )
  const authorization = bearer()
  const responses = await Promise.all(
    bodies.map((body) =>
      fetch(`${base}${SEED_PATH}`, {
        method: 'PATCH',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(body)
      })
    )
  )
  expect(responses.map((response) => response.status)).toEqual(bodies.map(() => 200))
  for (const [index, response] of responses.entries()) {
    expect((await response.json()).workflowVersion).toBe(index)
  }
  const {
    id: _id,
    subject: _subject,
    ...final
  } = (await server.store.get('aaaabbbb-0000-cccc-1111-dddd2222eeee', DOC_ID)) as Record<string, unknown>
  expect(bodies).toContainEqual(final)
})

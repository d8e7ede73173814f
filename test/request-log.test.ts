import { expect, it } from 'vitest'
import { mintToken } from '../src/model/token.js'
import { testServer, validBody } from './helpers/graph-server.js'

it('logs one line per request with request-id, method, URL, status and duration, and never the token', async () => {
  const lines: string[] = []
  const server = await testServer(
    { logLevel: 'info' },
    { logStream: { write: (line: string) => lines.push(line) } }
  )
  const token = mintToken()
  const [, payload, signature] = token.split('.')
  const ok = await server.patch(validBody(), { headers: { authorization: `Bearer ${token}` } })
  const denied = await server.patch(validBody(), { headers: { authorization: `Bearer ${token}x.y` } })
  await server.app.close()
  const entries = lines.map((line) => JSON.parse(line))
  const requests = entries.filter((entry) => entry.msg === 'request completed')
  expect(requests).toHaveLength(2)
  expect(requests[0]).toMatchObject({
    'request-id': ok.headers['request-id'],
    method: 'PATCH',
    url: '/beta/workflowBase/userProcessingResults/78b83505-6967-4168-a7ea-4921c0543ce9',
    statusCode: 200,
    duration: expect.any(Number)
  })
  expect(requests[1]).toMatchObject({ 'request-id': denied.headers['request-id'], statusCode: 401 })
  // Rounded to 0.01 ms: no float tails such as 6.492178000000422.
  for (const { duration } of requests) expect(String(duration)).toMatch(/^\d+(\.\d{1,2})?$/)
  const all = lines.join('\n')
  for (const secret of [token, payload, signature]) expect(all).not.toContain(secret)
  expect(all.toLowerCase()).not.toContain('bearer')
})

// The practical limit: node:http that reads and parses the PATCH body like the mock, then answers fixed JSON.
import { createServer } from 'node:http'
import { fixtureRecord } from './fixture-record.mjs'

const answer = JSON.stringify({
  '@odata.type': '#microsoft.graph.identityGovernance.userProcessingResult',
  ...fixtureRecord()
})

const server = createServer((request, response) => {
  const chunks = []
  request.on('data', (chunk) => chunks.push(chunk))
  request.on('end', () => {
    if (chunks.length > 0) JSON.parse(Buffer.concat(chunks).toString('utf8'))
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(answer)
  })
})

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`raw node:http ready: base URL http://127.0.0.1:${server.address().port}/beta\n`)
})
process.on('SIGTERM', () => server.close())

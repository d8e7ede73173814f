import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { PeerSpec } from '../server-process.js'
import { PEER_PACKAGES, type PeerInstall } from './install.js'
import type { Peer, UnmeasuredPeer } from './peer.js'

const NAME = `Prism ${PEER_PACKAGES.prism.version}`
const NOTE =
  "validates each request against the mock's OpenAPI document (path, parameters, security, body schema) and answers its example; no state"
/** The record's path in an OpenAPI document: whatever prefix, then the path template with its id parameter. */
const RECORD_PATH = /^(.*)\/workflowBase\/userProcessingResults\/\{[^/}]+\}$/

/**
 * Prism mocking from the OpenAPI document the running mock serves at `/_mock/openapi.json`. Prism matches
 * request paths against the document's `paths` as written (not below a server URL), so the prefix before
 * `/workflowBase` in the document is the base URL's path. A mock without the document (404 or 400 there)
 * leaves Prism unmeasured rather than failing the run.
 */
export async function prismPeer(
  install: PeerInstall,
  mockBaseUrl: string,
  id: string
): Promise<Peer | UnmeasuredPeer> {
  const answer = await fetch(new URL('/_mock/openapi.json', mockBaseUrl))
  if (answer.status === 404 || answer.status === 400) {
    return { name: NAME, note: NOTE, reason: 'not measured: the mock serves no OpenAPI document yet' }
  }
  if (!answer.ok) throw new Error(`The mock answered GET /_mock/openapi.json with ${answer.status}.`)
  const document = (await answer.json()) as { paths?: Record<string, unknown> }
  const prefix = Object.keys(document.paths ?? {})
    .map((path) => RECORD_PATH.exec(path)?.[1])
    .find((match) => match !== undefined)
  if (prefix === undefined) {
    const reason =
      "not measured: the mock's OpenAPI document has no path …/workflowBase/userProcessingResults/{id}"
    return { name: NAME, note: NOTE, reason }
  }
  const root = join(install.dir, 'prism')
  await mkdir(root, { recursive: true })
  await writeFile(join(root, 'openapi.json'), JSON.stringify(document))
  const spec: PeerSpec = {
    name: NAME,
    id,
    cwd: root,
    launch: (port) => ({
      command: process.execPath,
      args: [install.prismCli, 'mock', 'openapi.json', '--port', String(port), '--host', '127.0.0.1'],
      baseUrl: `http://127.0.0.1:${port}${prefix}`
    })
  }
  return { spec, note: NOTE, compilesLate: false }
}

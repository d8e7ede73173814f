import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { RESOURCE_PATH } from '../requests.js'
import type { PeerSpec } from '../server-process.js'
import { PEER_PACKAGES, type PeerInstall } from './install.js'
import type { Peer } from './peer.js'

/** One stub: the method on the record's path, with a bearer token, answered with the record. */
function stub(method: 'PATCH' | 'GET', path: string, answer: string) {
  return {
    request: { method, urlPath: path, headers: { Authorization: { matches: '^Bearer .+' } } },
    response: { status: 200, headers: { 'Content-Type': 'application/json' }, body: answer }
  }
}

/**
 * WireMock's standalone jar on the machine's Java, with two stub mappings read from `<root>/mappings/` at
 * start. No request journal: it would grow with every request of a load test.
 */
export async function wiremockPeer(install: PeerInstall, id: string, record: unknown): Promise<Peer> {
  const root = join(install.dir, 'wiremock')
  await mkdir(join(root, 'mappings'), { recursive: true })
  const answer = JSON.stringify(record)
  for (const method of ['PATCH', 'GET'] as const) {
    const file = join(root, 'mappings', `${method.toLowerCase()}.json`)
    await writeFile(file, JSON.stringify(stub(method, `/beta${RESOURCE_PATH}${id}`, answer)))
  }
  const spec: PeerSpec = {
    name: `WireMock ${PEER_PACKAGES.wiremock.version}`,
    id,
    cwd: root,
    launch: (port) => ({
      command: 'java',
      args: [
        '-jar',
        install.wiremockJar,
        '--port',
        String(port),
        '--bind-address',
        '127.0.0.1',
        '--root-dir',
        root,
        '--disable-banner',
        '--no-request-journal'
      ],
      baseUrl: `http://127.0.0.1:${port}/beta`
    })
  }
  return {
    spec,
    compilesLate: true,
    note: 'static stubs: matches method, path and a Bearer header by regex, answers a fixed JSON string; no body validation, no state'
  }
}

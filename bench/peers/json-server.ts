import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { RESOURCE_PATH } from '../requests.js'
import type { PeerSpec } from '../server-process.js'
import { PEER_PACKAGES, type PeerInstall } from './install.js'
import type { Peer } from './peer.js'

/**
 * json-server with a db.json holding the record in a `userProcessingResults` collection, and a routes.json
 * that rewrites Graph's path onto that collection (its PATCH merges the body into the record).
 */
export async function jsonServerPeer(install: PeerInstall, id: string, record: unknown): Promise<Peer> {
  const root = join(install.dir, 'json-server')
  await mkdir(root, { recursive: true })
  await writeFile(join(root, 'db.json'), JSON.stringify({ userProcessingResults: [record] }, null, 2))
  const routes = { [`/beta${RESOURCE_PATH}:id`]: '/userProcessingResults/:id' }
  await writeFile(join(root, 'routes.json'), JSON.stringify(routes))
  const spec: PeerSpec = {
    name: `json-server ${PEER_PACKAGES.jsonServer.version}`,
    id,
    cwd: root,
    launch: (port) => ({
      command: process.execPath,
      args: [
        install.jsonServerCli,
        'db.json',
        '--routes',
        'routes.json',
        '--port',
        String(port),
        '--host',
        '127.0.0.1'
      ],
      baseUrl: `http://127.0.0.1:${port}/beta`
    })
  }
  return {
    spec,
    compilesLate: false,
    note: 'Express with its default middlewares (CORS, compression, a static-file lookup on disk per GET, a log line), a path rewrite; PATCH merges the body into the record and writes db.json to disk; no auth, no validation'
  }
}

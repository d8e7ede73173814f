import { loadRequest } from '../requests.js'
import type { RunningServer } from '../server-process.js'
import type { PeerInstall } from './install.js'
import { jsonServerPeer } from './json-server.js'
import type { Peer, UnmeasuredPeer } from './peer.js'
import { prismPeer } from './prism.js'
import { wiremockPeer } from './wiremock.js'

/**
 * The peers' stub files, made from the running mock: WireMock and json-server answer with the record exactly
 * as the mock's GET answers it, and Prism mocks from the mock's own OpenAPI document.
 */
export async function preparePeers(
  install: PeerInstall,
  mock: RunningServer,
  token: string
): Promise<{ peers: Peer[]; unmeasured: UnmeasuredPeer[] }> {
  const { id } = mock.spec
  const get = loadRequest('GET', mock.baseUrl, id, token)
  const answer = await fetch(get.url, { headers: get.headers })
  if (!answer.ok) throw new Error(`The mock answered the GET of the record with ${answer.status}.`)
  const record: unknown = await answer.json()
  const peers = [await wiremockPeer(install, id, record), await jsonServerPeer(install, id, record)]
  const prism = await prismPeer(install, mock.baseUrl, id)
  return 'spec' in prism ? { peers: [...peers, prism], unmeasured: [] } : { peers, unmeasured: [prism] }
}

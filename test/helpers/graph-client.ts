import { Client, type FetchOptions } from '@microsoft/microsoft-graph-client'
import type { ListeningServer } from './listening-server.js'

/** The v3 client as the README sets it up: the mock's https origin, beta, and `localhost` as a custom host. */
export function graphClient(
  server: ListeningServer,
  token: string,
  customHosts = new Set(['localhost'])
): Client {
  return Client.init({
    baseUrl: server.origin,
    defaultVersion: 'beta',
    customHosts,
    authProvider: (done) => done(null, token),
    // undici's `dispatcher` goes through to Node's fetch; the v3 typings predate it.
    fetchOptions: { dispatcher: server.dispatcher } as FetchOptions
  })
}

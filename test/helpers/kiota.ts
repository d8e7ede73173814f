import {
  AllowedHostsValidator,
  type AuthenticationProvider,
  BaseBearerTokenAuthenticationProvider,
  ParseNodeFactoryRegistry,
  SerializationWriterFactoryRegistry
} from '@microsoft/kiota-abstractions'
import { FetchRequestAdapter, KiotaClientFactory } from '@microsoft/kiota-http-fetchlibrary'
import { JsonParseNodeFactory, JsonSerializationWriterFactory } from '@microsoft/kiota-serialization-json'
import type { Dispatcher } from 'undici'
import type { ListeningServer } from './listening-server.js'

/** A Kiota adapter on the mock's /beta: JSON (de)serialisation, and a fetch that trusts the mock's certificate. */
export function kiotaAdapter(server: ListeningServer, auth: AuthenticationProvider): FetchRequestAdapter {
  const parsers = new ParseNodeFactoryRegistry()
  const writers = new SerializationWriterFactoryRegistry()
  parsers.contentTypeAssociatedFactories.set('application/json', new JsonParseNodeFactory())
  writers.contentTypeAssociatedFactories.set('application/json', new JsonSerializationWriterFactory())
  const dispatcher = server.dispatcher as Dispatcher | undefined
  const trustingFetch = (url: string, init: RequestInit) => fetch(url, { ...init, dispatcher } as RequestInit)
  const adapter = new FetchRequestAdapter(auth, parsers, writers, KiotaClientFactory.create(trustingFetch))
  adapter.baseUrl = `${server.origin}/beta`
  return adapter
}

/** A bearer-token provider with a fixed token and no host check (Azure Identity's would need allowedHosts). */
export function staticToken(token: string): AuthenticationProvider {
  return new BaseBearerTokenAuthenticationProvider({
    getAuthorizationToken: async () => token,
    getAllowedHostsValidator: () => new AllowedHostsValidator()
  })
}

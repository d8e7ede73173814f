/** The claims of a bearer token, decoded but not verified. */
export type Claims = Record<string, unknown>

/** Who sent a Graph request, as the Graph scope identified them. */
export interface Caller {
  /** The token's `tid`, or the default tenant. */
  tenant: string
  /** The application: `appid` in v1 tokens, `azp` in v2 tokens, else `unknown`. */
  app: string
  /** The token's claims, checked or not; `undefined` without a readable token. */
  claims: Readonly<Claims> | undefined
  /** The client's own `client-request-id`, else the request id. */
  clientRequestId: string
}

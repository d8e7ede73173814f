import type { PeerSpec } from '../server-process.js'

/** Another mock server measured in the same rounds as the mock, and what it does per request. */
export interface Peer {
  spec: PeerSpec
  note: string
  /** A runtime that compiles late (the JVM) gets load until it is steady before the first round. */
  compilesLate: boolean
}

/** A peer that this run could not measure, and why. */
export interface UnmeasuredPeer {
  name: string
  note: string
  reason: string
}

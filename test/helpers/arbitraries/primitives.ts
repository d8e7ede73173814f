import fc from 'fast-check'
import { DOC_ID } from '../graph-server.js'

/** Values the request generators share: ids, SPEC constants, header text, and a bias towards the usual. */

export const FIXTURE_IDS = [
  DOC_ID,
  'e831ffea-4156-482a-ba43-a8161f83efa8',
  '0481a153-f437-45f0-b07c-ebe1008f10c5',
  '6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b92'
]
// SPEC §4's values, written out so that the tests do not share the code's constants.
export const GRAPH_AUDIENCES = [
  'https://graph.microsoft.com',
  'https://graph.microsoft.com/',
  '00000003-0000-0000-c000-000000000000'
]
export const PERSONAL_ACCOUNT_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad'
export const PERMISSIONS = [
  'LifecycleWorkflows.ReadWrite.All',
  'LifecycleWorkflows.Read.All',
  'User.Read.All'
]
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']

export const anyJson = fc.jsonValue({ maxDepth: 3 })
const printable = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code))
/** What a header value can hold on the wire (visible ASCII, space, tab). */
export const headerText = fc.string({
  unit: fc.oneof({ weight: 20, arbitrary: printable }, fc.constant('\t'))
})
export const hugeText = fc.integer({ min: 1_000, max: 64 * 1024 }).map((length) => 'a'.repeat(length))

export function often<T>(usual: fc.Arbitrary<T>, ...rare: fc.Arbitrary<T>[]): fc.Arbitrary<T> {
  return fc.oneof({ weight: 40, arbitrary: usual }, ...rare.map((arbitrary) => ({ weight: 1, arbitrary })))
}

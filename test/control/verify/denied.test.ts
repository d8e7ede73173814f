import { describe, expect, it } from 'vitest'
import type { RouteFacts } from '../../../src/control/request-facts.js'
import { denied } from '../../../src/control/verify/denied.js'
import { leastPrivileged } from '../../../src/graph/auth/least-privileged.js'
import { RecordList } from '../../helpers/journal-records.js'

const ROUTES: RouteFacts = {
  match: () => ({ matched: true, route: null, nearest: null }),
  permissionsOf: () => ['Custom.Read', 'Custom.ReadWrite'],
  isCollection: () => false,
  leastPrivileged
}

/** A refusal the mock's auth does not give (a route's own rule), or an answer that is no Graph error at all. */
describe('denied, for refusals the mock does not know', () => {
  it.each([
    [401, { error: { code: 'Unauthorized', message: 'Session ended.' } }, undefined, 'Authorization'],
    [403, { error: { code: 'Forbidden', message: 'Needs a directory role.' } }, ['Custom.Read'], 'roles'],
    [403, '[body of 70000 bytes not kept]', undefined, 'scp']
  ])('a %i reads the claim from its status and the token', (status, responseBody, roles, claim) => {
    const journal = new RecordList()
    journal.add(0, { status, claims: roles === undefined ? undefined : { roles } }, { responseBody })
    const [finding] = denied(journal.records(), ROUTES)
    expect(finding).toMatchObject({ claim, count: 1 })
    expect(finding?.command).toBe(
      `npx graph-lifecycle-mock token ${roles === undefined ? '--scopes' : '--roles'} Custom.Read`
    )
    expect(finding?.advice).toMatch(/^The answer says why: /)
  })
})

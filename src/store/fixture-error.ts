/** Start-up cannot go on; the message is the one line a user needs to fix it. */
export class FixtureError extends Error {
  override name = 'FixtureError'
}

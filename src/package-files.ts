import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// This module sits at the top of src/ and of dist/, where the CLI is also bundled into one file (dist/cli.js):
// paths relative to it hold in all three.

/** The fixtures the mock serves when no --fixtures is given. */
export const BUNDLED_FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url))

/** The inspector page's files: plain HTML, CSS and JavaScript modules, copied beside the built code. */
export const INSPECTOR_ASSETS = new URL('./control/inspector/assets/', import.meta.url)

/** The version in package.json. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
  return pkg.version
}

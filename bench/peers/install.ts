import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The peers, at exact versions. json-server stays on the 0.17 line, whose CLI has `--routes`. */
export const PEER_PACKAGES = {
  wiremock: { name: 'wiremock', version: '3.13.2' },
  jsonServer: { name: 'json-server', version: '0.17.4' },
  prism: { name: '@stoplight/prism-cli', version: '5.16.0' }
} as const

export type PeerPackage = (typeof PEER_PACKAGES)[keyof typeof PEER_PACKAGES]

export const packageSpec = ({ name, version }: PeerPackage) => `${name}@${version}`

/** Where the installed peers' entry points are. */
export interface PeerInstall {
  dir: string
  /** WireMock's standalone jar, shipped inside its npm package. */
  wiremockJar: string
  jsonServerCli: string
  prismCli: string
  remove(): Promise<void>
}

/** Asks the registry for the exact version of each package, so that a missing one fails before anything starts. */
async function verifyVersions(): Promise<void> {
  for (const peer of Object.values(PEER_PACKAGES)) {
    const { stdout } = await run('npm', ['view', packageSpec(peer), 'version'], { encoding: 'utf8' })
    if (stdout.trim() !== peer.version) throw new Error(`The npm registry has no ${packageSpec(peer)}.`)
  }
}

/**
 * Installs the peers from the npm registry into a fresh temporary folder, never into the project's
 * node_modules. Install scripts are not run: none of the three needs one.
 */
export async function installPeers(): Promise<PeerInstall> {
  await verifyVersions()
  const dir = await mkdtemp(join(tmpdir(), 'graph-mock-peers-'))
  const remove = () => rm(dir, { recursive: true, force: true })
  try {
    const specs = Object.values(PEER_PACKAGES).map(packageSpec)
    process.stderr.write(`installing ${specs.join(', ')} into ${dir}\n`)
    await run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--loglevel=error',
        '--prefix',
        dir,
        ...specs
      ],
      { cwd: dir, encoding: 'utf8' }
    )
    const modules = join(dir, 'node_modules')
    const install = {
      dir,
      wiremockJar: join(modules, `wiremock/build/wiremock-standalone-${PEER_PACKAGES.wiremock.version}.jar`),
      jsonServerCli: join(modules, 'json-server/lib/cli/bin.js'),
      prismCli: join(modules, '@stoplight/prism-cli/dist/index.js'),
      remove
    }
    for (const file of [install.wiremockJar, install.jsonServerCli, install.prismCli]) {
      if (!existsSync(file)) throw new Error(`The installed peers have no ${file}.`)
    }
    return install
  } catch (error) {
    await remove()
    throw error
  }
}

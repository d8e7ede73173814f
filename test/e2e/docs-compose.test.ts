import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/doc-process.js'

/**
 * The compose example cannot run here (no Docker engine): its files are read instead, to check that they agree
 * with each other and with the image. YAML is checked by shape only; a YAML parser is not worth a dependency.
 */
const read = (file: string) => readFileSync(join(ROOT, 'docs/compose', file), 'utf8')
const compose = read('docker-compose.yml')
const haproxy = read('haproxy.cfg')
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8')

/** The top-level keys under `services:`, by their two-space indentation. */
function services(): string[] {
  const block = compose.slice(compose.indexOf('\nservices:\n'), compose.indexOf('\nvolumes:\n'))
  return [...block.matchAll(/^ {2}([\w-]+):/gm)].map(([, name]) => name ?? '')
}

describe('docs/compose', () => {
  it('is indented with spaces only, as YAML wants', () => {
    expect(compose).not.toMatch(/\t/)
    expect(compose).toMatch(/^services:$/m)
  })

  it('runs two replicas of the image on one Redis, behind the balancer on port 4000', () => {
    expect(services()).toEqual(['redis', 'mock-1', 'mock-2', 'balancer'])
    expect(compose).toMatch(/^ {4}REDIS_URL: redis:\/\/redis:6379\/0$/m)
    expect(compose).toMatch(/^ {2}mock-1: \*mock$/m)
    expect(compose).toMatch(/^ {2}mock-2: \*mock$/m)
    expect(compose).toMatch(/^ {6}- "4000:4000"$/m)
    expect(compose).toContain('./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro')
  })

  it('balances over both replicas on the port the image listens on, checking each on /_mock/ready', () => {
    const port = /ENV HOST=0\.0\.0\.0 PORT=(\d+)/.exec(dockerfile)?.[1]
    expect(port).toBe('4000')
    expect(haproxy).toMatch(/^ {2}bind :4000$/m)
    const servers = [...haproxy.matchAll(/^ {2}server (\S+) (\S+):(\d+)$/gm)]
    expect(servers.map(([, name, host, serverPort]) => [name, host, serverPort])).toEqual([
      ['mock-1', 'mock-1', port],
      ['mock-2', 'mock-2', port]
    ])
    expect(haproxy).toMatch(/^ {2}option httpchk GET \/_mock\/ready$/m)
    expect(haproxy).toMatch(/^ {2}http-check expect status 200$/m)
  })
})

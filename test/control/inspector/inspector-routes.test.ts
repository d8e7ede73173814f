import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { buildLcwApp } from '../../helpers/lcw.js'

const ASSETS = fileURLToPath(new URL('../../../src/control/inspector/assets/', import.meta.url))
const FILES = readdirSync(ASSETS).filter((name) => name !== 'index.html')

let app: FastifyInstance | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

describe('GET /_mock/ and its files', () => {
  it('serves the page with a policy that allows no inline script and no other origin', async () => {
    ;({ app } = await buildLcwApp())
    for (const url of ['/_mock/', '/_mock']) {
      const page = await app.inject({ url })
      expect(page.statusCode).toBe(200)
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(page.headers['content-security-policy']).toContain("script-src 'self'")
      expect(page.headers['content-security-policy']).toContain("default-src 'none'")
      expect(page.headers['x-content-type-options']).toBe('nosniff')
      expect(page.body).toContain('<script type="module" src="/_mock/inspector/app.js"></script>')
      expect(page.body).not.toMatch(/<script>|<script [^>]*>[^<]|style="|https?:\/\//)
    }
  })

  it.each(FILES)('serves %s with its type', async (name) => {
    ;({ app } = await buildLcwApp())
    const file = await app.inject({ url: `/_mock/inspector/${name}` })
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toBe(
      name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8'
    )
  })

  it('answers an unknown file, or a path out of the folder, as Graph answers an unknown path', async () => {
    ;({ app } = await buildLcwApp())
    for (const url of [
      '/_mock/inspector/nothing.js',
      '/_mock/inspector/..%2Fplugin.ts',
      '/_mock/inspector/index.html'
    ]) {
      const response = await app.inject({ url })
      expect(response.statusCode).toBe(400)
      expect(response.json().error.code).toBe('BadRequest')
    }
  })

  it('with an admin key, serves the page and its files without it, marked so that the page asks for the key', async () => {
    ;({ app } = await buildLcwApp({ adminKey: 'k3y' }))
    const page = await app.inject({ url: '/_mock/' })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<html lang="en" data-admin-key="required">')
    expect((await app.inject({ url: '/_mock/inspector/app.js' })).statusCode).toBe(200)
    expect((await app.inject({ url: '/_mock/requests' })).statusCode).toBe(401)
  })

  it('is small: every file of the page together stays under 40 KB', () => {
    const bytes = readdirSync(ASSETS).reduce((total, name) => total + statSync(join(ASSETS, name)).size, 0)
    expect(bytes).toBeLessThan(40 * 1024)
  })
})

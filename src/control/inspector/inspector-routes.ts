import { readdir, readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { TextSchema } from '../../model/control/control-answers.js'

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8'
}

/** Scripts and styles from these files only (no inline script), and calls to this origin only. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

interface Asset {
  type: string
  body: Buffer
}

async function readAssets(folder: URL, adminKey: boolean): Promise<Map<string, Asset>> {
  const names = (await readdir(folder)).filter((name) => TYPES[extname(name)] !== undefined)
  const assets = new Map<string, Asset>()
  for (const name of names) {
    let body = await readFile(new URL(name, folder))
    if (name === 'index.html' && adminKey)
      body = Buffer.from(
        body.toString('utf8').replace('<html lang="en">', '<html lang="en" data-admin-key="required">')
      )
    assets.set(name, { type: TYPES[extname(name)] ?? '', body })
  }
  return assets
}

export interface InspectorOptions {
  /** The folder of the page's files (`assets/` beside this module, copied next to the built code). */
  assets: URL
  notFound: (request: FastifyRequest, reply: FastifyReply) => FastifyReply
  /** Whether control calls need the admin key: the page then asks for it before its first call. */
  adminKey: boolean
}

/**
 * `GET /_mock/` serves the inspector page and `/_mock/inspector/<file>` its scripts and styles, read once on
 * first use. They hold no data: the page asks for the admin key, when there is one, and sends it in the header.
 */
export async function inspectorRoutes(app: FastifyInstance, options: InspectorOptions) {
  const { notFound, adminKey } = options
  let assets: Promise<Map<string, Asset>> | undefined
  const send = async (request: FastifyRequest, reply: FastifyReply, name: string) => {
    assets ??= readAssets(options.assets, adminKey)
    const asset = (await assets).get(name)
    if (asset === undefined) return notFound(request, reply)
    return reply
      .type(asset.type)
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(asset.body)
  }
  const answer = (type: string) => ({ content: { [type]: TextSchema } })

  const page = { summary: 'The inspector page', open: true, answer: answer('text/html') }
  app.get('/', { config: { openapi: page } }, async function inspectorPage(request, reply) {
    return send(request, reply, 'index.html')
  })

  const file = {
    summary: "The inspector page's scripts and styles",
    open: true,
    answer: answer('text/javascript')
  }
  app.get<{ Params: { file: string } }>(
    '/inspector/:file',
    { config: { openapi: file } },
    async function inspectorFile(request, reply) {
      const name = request.params.file
      return send(request, reply, name === 'index.html' ? '' : name)
    }
  )
}

// `npm run build`: the library as tsc writes it (dist/, with its types), the inspector page's files beside it,
// then the CLI again as one file. Loading some 500 modules one by one took most of the start-up (≈500 of ≈800 ms
// to the first answer on the bench machine); one bundled file loads in a fraction of that.
import { execFileSync } from 'node:child_process'
import { cpSync, rmSync } from 'node:fs'
import { build } from 'esbuild'

rmSync('dist', { recursive: true, force: true })
execFileSync('tsc', ['-p', 'tsconfig.build.json'], { stdio: 'inherit' })
cpSync('src/control/inspector/assets', 'dist/control/inspector/assets', { recursive: true })
await build({
  entryPoints: ['dist/cli.js'],
  outfile: 'dist/cli.js',
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Loaded only by the runs that need them (--redis-url, --tls, a terminal's pretty logs), from node_modules.
  external: ['ioredis', '@peculiar/x509', 'pino-pretty'],
  // The bundled CommonJS packages require Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"
  },
  logLevel: 'warning'
})

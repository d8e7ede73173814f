# graph-lifecycle-mock: docker build -t graph-lifecycle-mock . && docker run -p 4000:4000 graph-lifecycle-mock
ARG NODE_IMAGE=node:24-bookworm-slim

# Build stage: dev dependencies, tsc and the one-file CLI (scripts/build.mjs), then drop the dev dependencies so
# the runtime copies only what production needs.
FROM ${NODE_IMAGE} AS build
ENV NPM_CONFIG_AUDIT=false NPM_CONFIG_FUND=false NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
COPY package.json package-lock.json ./
# Without scripts: the prepare script would build before the sources are here (the build runs below), and the
# only install script (esbuild's) just checks the binary that its platform package already holds.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs ./scripts/
COPY src ./src
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM ${NODE_IMAGE}
WORKDIR /app
COPY package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY fixtures ./fixtures
# Files stay root-owned: the server only reads them.
USER node
ENV HOST=0.0.0.0 PORT=4000
EXPOSE 4000
# No curl in slim images, so Node's fetch. A short interval because CI runners wait for "healthy"
# before the first step (buildah here knows no --start-interval). With TLS=1 the mock serves its own
# self-signed certificate, which this one request (and nothing else in the container) accepts unverified.
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "--no-warnings", "-e", "const tls = /^(1|true)$/i.test(process.env.TLS || ''); if (tls) process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; fetch((tls ? 'https' : 'http') + '://127.0.0.1:' + (process.env.PORT || 4000) + '/_mock/health').then((res) => process.exit(res.ok ? 0 : 1), () => process.exit(1))"]
# Node is PID 1 (the base image's entrypoint execs it) and handles SIGTERM itself: docker stop is graceful.
CMD ["node", "dist/cli.js"]

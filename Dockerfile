# The evmap API image; Neo4j runs as its own service (docker-compose.yml, docs/deployment.md).
# Both stages take the same base, so the next LTS line is one build argument away.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: `prepare` would build before the sources are copied; the build runs below.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
# src/ holds both what tsc compiles and src/explorer/, which esbuild bundles into dist/explorer.
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE}
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY schema ./schema
COPY seed ./seed
COPY --chmod=0755 deploy/docker-entrypoint.sh /usr/local/bin/evmap-entrypoint
# The files above stay root's: the server only reads them, and needs nowhere to write.
USER node
EXPOSE 4000
# Liveness, not readiness: /readyz fails while Neo4j is away, and an orchestrator that restarts
# unhealthy containers would then restart every replica at once for a database blip.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/local/bin/evmap-entrypoint"]
CMD ["node", "dist/src/index.js"]

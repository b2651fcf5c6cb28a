# passfort-sandbox in a container: the API and collection form on 8400, the inbox on 8025
# (HTTP) and 1025 (SMTP). Data lives in /data; mount a volume there to keep it.
#   docker build -t passfort-sandbox .
#   docker run --rm -p 8400:8400 -p 8025:8025 -p 1025:1025 -v pfs-data:/data passfort-sandbox
# The image has no browser: `scenario run` needs Chromium and belongs on the CI runner (see
# examples/github-actions.yml); `scenario list` works.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The Playwright fixtures start the example integrator app: tsc compiles it into dist/examples.
COPY examples/integrator-app ./examples/integrator-app
COPY scripts/bundle-cli.mjs ./scripts/
RUN npm run build

FROM node:20-bookworm-slim
# MALLOC_ARENA_MAX=1: one glibc malloc arena instead of one per thread. After POST loads on 10,000
# profiles RSS was ~88 MB instead of ~93 MB (docs/performance-and-reliability.md); glibc reads it
# only when a process starts, so the sandbox cannot set it for itself.
ENV MALLOC_ARENA_MAX=1 \
    NODE_ENV=production \
    PASSFORT_SANDBOX_HOST=0.0.0.0 \
    PASSFORT_SANDBOX_DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY loaders ./loaders
COPY schema ./schema
# The built-in scenario library: `scenario list` and the dashboard read these files.
COPY scenarios ./scenarios
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8400 8025 1025
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s CMD node -e "fetch('http://127.0.0.1:8400/__sandbox/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/passfort-sandbox.js"]
CMD ["start", "--allow-remote-workspaces"]

# syntax=docker/dockerfile:1
#
# Kinship api image: the HTTP + GraphQL server, and (same image, other command) the BullMQ worker
# and the database CLIs. Build from the repository root:
#
#   docker build -f docker/api.Dockerfile -t kinship-api .
#
# Commands (working directory /app/api):
#   node dist/main.js                  api (default), listens on API_HOST:API_PORT (0.0.0.0:4000)
#   node dist/worker.js                BullMQ worker (HTTP only for its health check, on WORKER_HEALTH_PORT)
#   node dist/cli/migrate.js           apply migrations
#   node dist/cli/seed.js              demo community, only into an empty database
#   node dist/cli/create-admin.js EMAIL   single-use ADMIN invite code (last line)

ARG NODE_IMAGE=node:24-bookworm-slim

# --- dependencies (cached until a package.json or the lockfile changes) ---------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
# The lockfile is written by npm 11.19 (package.json "packageManager"); pin it whatever npm the image ships.
RUN npm install -g npm@11.19.1
COPY package.json package-lock.json ./
COPY packages/shared/package.json packages/shared/
COPY packages/graphql/package.json packages/graphql/
COPY api/package.json api/
COPY web/package.json web/
COPY tests/package.json tests/
RUN npm ci --include=dev

# --- build ----------------------------------------------------------------------------
FROM deps AS build
COPY . .
# Build this app and the workspace packages it depends on, drop devDependencies, and make sure
# the workspace-local node_modules folders (npm creates them only when it nests a version)
# exist for the runtime COPY below.
RUN npx --no turbo run build --filter=@kinship/api --ui=stream \
 && npm prune --omit=dev \
 && mkdir -p api/node_modules packages/shared/node_modules

# --- runtime --------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    API_HOST=0.0.0.0 \
    API_PORT=4000
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/packages/shared/package.json ./packages/shared/package.json
COPY --from=build /app/packages/shared/dist ./packages/shared/dist
COPY --from=build /app/packages/shared/node_modules ./packages/shared/node_modules
# schema.gql is optional here (the bracket makes the COPY succeed without it).
COPY --from=build /app/api/package.json /app/api/schema.gq[l] ./api/
COPY --from=build /app/api/node_modules ./api/node_modules
COPY --from=build /app/api/dist ./api/dist

# Files stay owned by root and read-only for the app; it runs as the image's unprivileged user.
USER node
WORKDIR /app/api
EXPOSE 4000
CMD ["node", "dist/main.js"]

# syntax=docker/dockerfile:1
#
# Kinship web image: the SvelteKit server (adapter-node). Build from the repository root:
#
#   docker build -f docker/web.Dockerfile -t kinship-web .
#
# Environment: API_URL (the api, e.g. http://api:4000), ORIGIN (the public URL people open,
# e.g. https://community.example.org — form posts are refused without it), PORT (3000), HOST.

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
RUN npx --no turbo run build --filter=@kinship/web --ui=stream \
 && npm prune --omit=dev \
 && mkdir -p web/node_modules packages/shared/node_modules packages/graphql/node_modules

# --- runtime --------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
# Workspace packages the server build may import at run time ("dependencies" of web).
COPY --from=build /app/packages/shared/package.json ./packages/shared/package.json
COPY --from=build /app/packages/shared/dist ./packages/shared/dist
COPY --from=build /app/packages/shared/node_modules ./packages/shared/node_modules
COPY --from=build /app/packages/graphql ./packages/graphql
COPY --from=build /app/web/package.json ./web/package.json
COPY --from=build /app/web/node_modules ./web/node_modules
COPY --from=build /app/web/build ./web/build
COPY --from=build /app/web/server.js ./web/server.js

# Files stay owned by root and read-only for the app; it runs as the image's unprivileged user.
USER node
WORKDIR /app/web
EXPOSE 3000
CMD ["node", "server.js"]

# syntax=docker/dockerfile:1
# One image for every service of the platform; its arguments pick the service:
#   gateway | subgraph <name> | worker <name> | migrate   (name: content, achievements, experiments, emotion)
# e.g. `docker run IMAGE subgraph content`. See docs/deployment.md. No HEALTHCHECK: Kubernetes probes
# the admin port (/healthz, /readyz). Nothing is written to the root filesystem at run time.
ARG NODE_IMAGE=node:20-bookworm-slim

# Compiles the services (tsc, CommonJS, runtime files beside them) and the dashboard (Vite).
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:dashboard && npm run build

# Production dependencies only (no TypeScript, tsx is not used at run time).
FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    LOG_FORMAT=json \
    APOLLO_TELEMETRY_DISABLED=1 \
    SUBGRAPH_HOST=0.0.0.0 \
    ADMIN_HOST=0.0.0.0
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/dist ./dist
COPY --from=build /src/dashboard/dist ./dist/dashboard/dist
# The node image's unprivileged user, by number so that Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 4000 4001 4002 4003 4004 9100 9101 9102 9103 9104 9201 9202 9203 9204
ENTRYPOINT ["node", "--enable-source-maps", "dist/scripts/service.js"]
CMD ["gateway"]

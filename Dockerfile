# Medusa server and worker image for Volmify (one image, MEDUSA_WORKER_MODE picks the role).
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV MEDUSA_DISABLE_TELEMETRY=true
# Manifests first so the dependency layer is cached across source changes.
COPY package.json package-lock.json ./
COPY plugins/orgs/package.json plugins/orgs/
# The storefront has its own image (storefront/Dockerfile): npm install's postinstall skips it.
COPY src/scripts/install-storefront.js src/scripts/
ENV VOLMIFY_SKIP_STOREFRONT_INSTALL=true
RUN npm install --no-audit --no-fund
COPY . .
# Builds every plugin (medusa plugin:build), then the app and its admin dashboard.
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production MEDUSA_DISABLE_TELEMETRY=true PORT=9000
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/plugins ./plugins
COPY --from=build /app/.medusa/server ./.medusa/server
# The build output has no node_modules of its own; it uses the app's (workspace plugins included).
RUN ln -s /app/node_modules /app/.medusa/server/node_modules
WORKDIR /app/.medusa/server
EXPOSE 9000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||9000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["npx", "medusa", "start"]

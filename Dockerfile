# Node 24, a maintained LTS (Node 20 reached end of life in April 2026; the engine
# still runs on Node 20 for development, see package.json "engines").
ARG NODE_IMAGE=node:24-bookworm-slim

# Build stage: the staff app (Vite is a dev dependency) and the engine, compiled
# once to JavaScript (tools/build-engine.js).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:designer && npm run build

# Runtime: production dependencies, the sources (definitions, templates) and both builds.
FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
COPY --from=build /app/designer/dist designer/dist
COPY --from=build /app/dist dist
EXPOSE 3000
# node (not npm) runs the built engine so SIGTERM reaches it and it drains requests;
# tools/start.js finds the build made above (same sources) and compiles nothing.
CMD ["node", "tools/start.js", "server"]

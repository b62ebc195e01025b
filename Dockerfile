# Build stage: the staff app (Vite is a dev dependency).
FROM node:20-bookworm-slim AS designer
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:designer

# Runtime: production dependencies, the engine and workers, the built app.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
COPY --from=designer /app/designer/dist designer/dist
EXPOSE 3000
# node (not npm) runs the engine so SIGTERM reaches it and it drains requests.
CMD ["node", "--import", "tsx", "engine/server.ts"]

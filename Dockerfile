FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
EXPOSE 3000
# node (not npm) is PID 1's child so SIGTERM reaches the engine and it drains requests.
CMD ["node", "--import", "tsx", "engine/server.ts"]

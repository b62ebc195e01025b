// The staff app (and, later, the designer) as one Vite app. The engine serves the
// build from designer/dist at /app/ (engine/http/designer-static.ts); `npm run
// dev:designer` serves the sources and proxies /api to an engine on port 3000.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // react + rjsf + ajv are one ~1 MB bundle; splitting is for a later slice.
    chunkSizeWarningLimit: 1600,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});

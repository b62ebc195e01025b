// Serves the built staff app (designer/dist, made by `npm run build:designer`) at
// /app/ and sends `/` there. Without a build the engine is API-only and this
// plugin registers nothing (development runs the Vite dev server instead).
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const defaultDesignerDir = fileURLToPath(new URL('../../designer/dist', import.meta.url));

/**
 * The app's own policy, replacing helmet's default on these routes only:
 * - scripts from this origin only, no inline scripts;
 * - 'unsafe-eval' because rjsf validates forms with ajv, which compiles each
 *   definition's schema to a function at run time (definitions are data, so they
 *   cannot be precompiled into the build);
 * - styles also 'unsafe-inline': Ant Design writes its CSS-in-JS into <style>
 *   elements at run time (scripts stay 'self' only, which is what matters);
 * - no `upgrade-insecure-requests`: a shop serves the app over plain HTTP on its
 *   LAN, and upgrading its same-origin requests to HTTPS would break it.
 */
export const APP_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self' 'unsafe-eval'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
].join(';');

export interface DesignerStaticOptions {
  /** The Vite build output; default designer/dist. */
  dir?: string;
}

export async function designerStatic(app: FastifyInstance, options: DesignerStaticOptions): Promise<void> {
  const dir = options.dir ?? defaultDesignerDir;
  if (!existsSync(path.join(dir, 'index.html'))) {
    app.log.info({ dir }, 'staff app not built (npm run build:designer); serving the API only');
    return;
  }
  // Encapsulated (not fastify-plugin): the hook sees only this plugin's routes.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', APP_CSP);
    return payload;
  });
  await app.register(fastifyStatic, {
    root: dir,
    // Without the trailing slash, so @fastify/static also answers /app with a redirect to /app/.
    prefix: '/app',
    redirect: true,
    decorateReply: false,
    setHeaders(reply, filePath) {
      // Vite names assets by content hash, so they never change; index.html must be revalidated to pick up a new build.
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/app/'));
}

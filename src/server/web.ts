/**
 * Serves the built explorer (Vite output) from the same server: hashed assets with long
 * caching, and `index.html` for every explorer path so that each view's URL restores it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { PACKAGE_ROOT } from '../app/files.js';

/** Where `npm run build:web` writes the explorer. */
export const WEB_DIST = join(PACKAGE_ROOT, 'web-dist');

/** The explorer's own paths (client-side routes). */
export const EXPLORER_PATHS = ['/', '/search', '/treaty/:id', '/state/:id', '/network', '/attack'] as const;

/** Content Security Policy of the explorer: its own scripts only, no inline script. */
export const EXPLORER_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Pacta</title><body style="font-family:system-ui;max-width:40rem;margin:4rem auto">
<h1>Pacta</h1><p>The web explorer has not been built. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload.</p>
<p>The API works without it: <a href="/api/docs">/api/docs</a>.</p></body></html>`;

/** Registers the explorer's static files and its paths. `root` null serves a page that says how to build it. */
export async function registerWeb(app: FastifyInstance, root: string | null): Promise<{ sendIndex: (reply: FastifyReply, status?: number) => FastifyReply }> {
  const indexFile = root ? join(root, 'index.html') : null;
  const built = indexFile !== null && existsSync(indexFile);
  // Read once: index.html is small and changes only with a new build (restart).
  const indexHtml = built ? readFileSync(indexFile, 'utf8') : NOT_BUILT;
  const sendIndex = (reply: FastifyReply, status = 200): FastifyReply =>
    reply.code(status).header('cache-control', 'no-cache').header('content-security-policy', EXPLORER_CSP).type('text/html; charset=utf-8').send(indexHtml);

  if (built) {
    await app.register(fastifyStatic, {
      root: root!,
      prefix: '/',
      index: false,
      wildcard: true,
      cacheControl: false,
      setHeaders(reply, path) {
        // Vite names assets by content hash, so they never change under one name.
        reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  for (const path of EXPLORER_PATHS) {
    app.get(path, { schema: { hide: true } }, (_req, reply) => sendIndex(reply));
  }
  return { sendIndex };
}

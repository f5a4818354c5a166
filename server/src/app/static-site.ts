import { basename, extname } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodApp } from './types';

/** Served with this policy on every HTML response: the kiosk loads nothing from elsewhere. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' blob: data:",
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * How long a browser may keep a file of the build without asking again. Content-hashed names (the bundler's
 * assets/, Workbox's runtime) never change meaning: a year, immutable. The entry page and the service worker
 * must be revalidated, or a kiosk would keep an old app forever; the rest (icon, manifest) for an hour.
 */
export function cacheControlFor(fileName: string): string {
  const name = basename(fileName.replace(/\.(br|gz)$/, ''));
  if (name === 'index.html' || name === 'sw.js') return 'no-cache';
  if (/[\\/]assets[\\/]/.test(fileName) || /^workbox-[0-9a-f]{8}\.js$/.test(name))
    return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}

/**
 * Serves the built kiosk (PWA) at / from `root`, as the brotli or gzip copy the build wrote beside each file
 * when the browser accepts it.
 */
export async function registerStaticSite(app: ZodApp, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    index: 'index.html',
    dotfiles: 'ignore',
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', cacheControlFor(path));
    },
  });
}

/** A client-side route (no file extension, not the API) gets the app's index.html. */
export function isSpaRoute(req: FastifyRequest): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = req.url.split('?')[0] ?? '/';
  return !path.startsWith('/api/') && path !== '/api' && extname(path) === '';
}

export function sendSpaIndex(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-cache').sendFile('index.html');
}

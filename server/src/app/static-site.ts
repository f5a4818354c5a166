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

// The entry page and the service worker must be revalidated, or a kiosk would keep an old app forever.
const REVALIDATE = new Set(['index.html', 'sw.js']);

/** Serves the built kiosk (PWA) at / from `root`. */
export async function registerStaticSite(app: ZodApp, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    index: 'index.html',
    dotfiles: 'ignore',
    setHeaders: (reply, path) => {
      if (REVALIDATE.has(basename(path))) reply.header('cache-control', 'no-cache');
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

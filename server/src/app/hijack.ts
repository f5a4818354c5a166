import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';

/**
 * Takes the raw response over from Fastify (streams, tus) while keeping the headers hooks already set
 * (request id, CORS) and the API's no-store and nosniff, which Fastify's onSend hooks would otherwise add.
 */
export function hijack(reply: FastifyReply): ServerResponse {
  reply.hijack();
  const raw = reply.raw;
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) raw.setHeader(name, value);
  }
  raw.setHeader('cache-control', 'no-store');
  raw.setHeader('x-content-type-options', 'nosniff');
  return raw;
}

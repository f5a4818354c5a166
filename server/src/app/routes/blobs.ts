import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { BlobSha256, type BlobInfo } from '#shared/protocol/attachments';
import { findBlob } from '../../attachments/blob-records';
import type { BlobStore } from '../../attachments/blob-store';
import type { Database } from '../../db/database';
import { ApiError } from '../../errors';
import { requireDevice } from '../request-context';
import type { ZodApp } from '../types';

const BlobParams = z.object({ sha256: BlobSha256 });

/** Sent with HEAD and GET: BlobInfo as headers. */
function describe(reply: FastifyReply, blob: BlobInfo): FastifyReply {
  return reply
    .type(blob.contentType)
    .header('content-length', String(blob.size))
    .header('x-blob-sha256', blob.sha256)
    .header('etag', `"${blob.sha256}"`);
}

/**
 * HEAD /api/v1/blobs/:sha256 — 200 with Content-Type, Content-Length and X-Blob-Sha256 when the caller's
 * point has the blob (the kiosk's "is it safe?"), 404 otherwise. GET sends the bytes. Another point's blob
 * is a 404 too: existence does not leak across points.
 */
export function blobRoutes(api: ZodApp, deps: { db: Database; blobs: BlobStore }): void {
  const locate = async (pointId: string, sha256: string, log: { error(o: object, m: string): void }) => {
    const blob = await findBlob(deps.db.kysely, pointId, sha256);
    if (blob && (await deps.blobs.has(sha256))) return blob;
    // A row without bytes means the store lost a file; answering "missing" makes the kiosk upload it again.
    if (blob) log.error({ sha256 }, 'blob recorded but missing from the blob store');
    throw new ApiError(404, 'NOT_FOUND', 'no such attachment at this point');
  };

  api.route({
    method: 'HEAD',
    url: '/v1/blobs/:sha256',
    schema: { params: BlobParams },
    handler: async (req, reply) => {
      const blob = await locate(requireDevice(req).pointId, req.params.sha256, req.log);
      return describe(reply, blob).send();
    },
  });
  api.get(
    '/v1/blobs/:sha256',
    { schema: { params: BlobParams }, exposeHeadRoute: false },
    async (req, reply) => {
      const blob = await locate(requireDevice(req).pointId, req.params.sha256, req.log);
      // Never rendered as a page, even if opened directly.
      reply.header('content-security-policy', "default-src 'none'; sandbox");
      return describe(reply, blob).send(deps.blobs.open(blob.sha256));
    },
  );
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TusUploads } from '../../attachments/tus-uploads';
import { hijack } from '../hijack';
import { requireDevice } from '../request-context';
import type { ZodApp } from '../types';

export const UPLOADS_PATH = '/api/v1/uploads';

/**
 * /api/v1/uploads — tus resumable uploads (POST creates, HEAD tells the offset, PATCH appends, DELETE
 * abandons). Authenticated like every API route; tus itself reads the body, so Fastify must not.
 */
export async function uploadRoutes(api: ZodApp, deps: { uploads: TusUploads }): Promise<void> {
  api.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const device = requireDevice(req);
    const raw = hijack(reply);
    try {
      await deps.uploads.handle(req.raw, raw, device);
    } catch (err) {
      req.log.error({ err: { message: (err as Error).message } }, 'upload response failed');
      raw.destroy();
    }
  };
  api.post('/v1/uploads', handler);
  api.route({ method: ['HEAD', 'PATCH', 'DELETE'], url: '/v1/uploads/:id', handler });
}

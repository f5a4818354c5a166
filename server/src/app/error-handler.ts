import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode, ErrorResponse } from '#shared/protocol/errors';
import { ApiError } from '../errors';
import { noteFacts } from './request-context';
import { RequestInvalid } from './zod-validation';

function sendError(reply: FastifyReply, status: number, code: ErrorCode, message: string): FastifyReply {
  const body: ErrorResponse = { error: { code, message } };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

function classify(err: FastifyError | Error): { status: number; code: ErrorCode; message: string } | null {
  if (err instanceof ApiError) return { status: err.statusCode, code: err.code, message: err.message };
  if (err instanceof RequestInvalid) return { status: 400, code: 'VALIDATION_FAILED', message: err.message };
  const fe = err as FastifyError;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'request body too large' };
  const status = fe.statusCode ?? 500;
  // Fastify's own 4xx (malformed JSON, unsupported content type, bad URL…): the request could not be read.
  if (status >= 400 && status < 500)
    return { status, code: 'VALIDATION_FAILED', message: 'request could not be read' };
  return null;
}

/** Every error leaves as `{ error: { code, message } }` with a stable code; only 5xx are logged with a stack. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) => {
    const known = classify(err);
    if (known) {
      noteFacts(req, { errorCode: known.code });
      return sendError(reply, known.status, known.code, known.message);
    }
    req.log.error({ err: { type: err.name, message: err.message, stack: err.stack } }, 'request failed');
    return sendError(reply, 500, 'INTERNAL', 'internal error');
  });
}

export function notFound(reply: FastifyReply): FastifyReply {
  return sendError(reply, 404, 'NOT_FOUND', 'no such route');
}

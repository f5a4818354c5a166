import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import { Server, type ServerOptions } from '@tus/server';
import type { Kysely } from 'kysely';
import { UploadMetadata } from '#shared/protocol/attachments';
import type { ErrorCode, ErrorResponse } from '#shared/protocol/errors';
import type { Schema } from '../db/schema';
import { ApiError } from '../errors';
import type { DeviceScope } from '../sync/push';
import { recordBlob } from './blob-records';
import { sha256OfFile, type BlobStore } from './blob-store';

type TusUpload = Parameters<NonNullable<ServerOptions['onUploadCreate']>>[1];
type TusError = Parameters<NonNullable<ServerOptions['onResponseError']>>[1];

/** Metadata keys the server adds to an upload, after the kiosk's own. */
const POINT_KEY = 'point';
const JSON_TYPE = 'application/json; charset=utf-8';

/** The request as tus sees it: the web Request of a Node request, so tus runs through its public web API. */
function webRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const withBody = req.method === 'POST' || req.method === 'PATCH';
  return new Request(new URL(req.url ?? '/', 'http://upload.invalid'), {
    method: req.method,
    headers,
    ...(withBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  });
}

export interface TusUploadsOptions {
  db: Kysely<Schema>;
  blobs: BlobStore;
  /** Where partial uploads live until verified (`<id>` + `<id>.json`, the tus file store's layout). */
  uploadDir: string;
  maxUploadBytes: number;
  /** The URL path tus answers under, e.g. `/api/v1/uploads`. */
  path: string;
  isAllowedOrigin(origin: string): boolean;
  log: { error(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

function errorBody(code: ErrorCode, message: string): string {
  const body: ErrorResponse = { error: { code, message } };
  return JSON.stringify(body);
}

function codeOf(status: number): ErrorCode {
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 404 || status === 410) return 'NOT_FOUND';
  return status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED';
}

/**
 * Resumable attachment uploads (tus 1.0: creation, termination). The caller is authenticated by the app
 * before `handle`; every upload is tagged with its point, and only that point may resume or delete it.
 * A finished upload is hashed, checked against the sha256 its metadata announced, moved into the
 * content-addressed blob store and recorded for the point. tus' refusals are answered as the API's
 * `{ error: { code, message } }` JSON.
 */
export class TusUploads {
  private readonly callers = new WeakMap<Request, { caller: DeviceScope; raw: IncomingMessage }>();
  /** Requests answered with one of our JSON error bodies. */
  private readonly failed = new WeakSet<Request>();
  private tus?: { server: Server; store: FileStore };

  constructor(private readonly opts: TusUploadsOptions) {}

  async handle(req: IncomingMessage, res: ServerResponse, caller: DeviceScope): Promise<void> {
    const request = webRequest(req);
    this.callers.set(request, { caller, raw: req });
    const response = await this.instance().server.handleWeb(request);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    if (response.status >= 400) {
      // Every refusal is the API's JSON envelope (Node sends no body to a HEAD); tus' own refusals are text.
      const text = await response.text();
      const body = this.failed.has(request) ? text : errorBody(codeOf(response.status), text.trim());
      headers['content-type'] = JSON_TYPE;
      headers['content-length'] = String(Buffer.byteLength(body));
      res.writeHead(response.status, headers);
      res.end(body);
      return;
    }
    // tus answers with empty bodies, which a web Response labels text/plain: say nothing instead.
    const body = Buffer.from(await response.arrayBuffer());
    if (!body.length) delete headers['content-type'];
    delete headers['transfer-encoding'];
    if (response.status === 204) delete headers['content-length'];
    else headers['content-length'] = String(body.length);
    res.writeHead(response.status, headers);
    res.end(body);
  }

  /** Built on first use, so a server that never receives an upload creates no folder. */
  private instance(): { server: Server; store: FileStore } {
    if (this.tus) return this.tus;
    const store = new FileStore({ directory: this.opts.uploadDir });
    const server = new Server({
      path: this.opts.path,
      datastore: store,
      maxSize: this.opts.maxUploadBytes,
      relativeLocation: true,
      allowedOrigins: (origin) => this.opts.isAllowedOrigin(origin),
      exposedHeaders: ['X-Request-Id', 'X-Blob-Sha256'],
      onUploadCreate: (req, upload) => this.onCreate(req, upload),
      onIncomingRequest: (req, id) => this.onIncoming(req, id),
      onUploadFinish: (req, upload) => this.onFinish(req, upload),
      onResponseError: (req, err) => this.mapError(req, err),
    });
    this.tus = { server, store };
    return this.tus;
  }

  private caller(req: Request): DeviceScope {
    const known = this.callers.get(req);
    if (!known) throw new ApiError(401, 'UNAUTHENTICATED', 'not authenticated');
    return known.caller;
  }

  private async onCreate(req: Request, upload: TusUpload): Promise<{ metadata: Record<string, string> }> {
    const caller = this.caller(req);
    if (upload.size === undefined)
      throw new ApiError(
        400,
        'VALIDATION_FAILED',
        'Upload-Length is required (deferred length is not accepted)',
      );
    const parsed = UploadMetadata.safeParse(upload.metadata ?? {});
    if (!parsed.success)
      throw new ApiError(
        400,
        'VALIDATION_FAILED',
        `Upload-Metadata: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    const draft = await this.opts.db
      .selectFrom('drafts')
      .select('point_id')
      .where('id', '=', parsed.data.draftId)
      .executeTakeFirst();
    if (draft && draft.point_id !== caller.pointId)
      throw new ApiError(403, 'FORBIDDEN', 'the draft belongs to another point');
    // Only the validated keys are kept, plus the owner; anything else the client sent is dropped.
    return { metadata: { ...parsed.data, [POINT_KEY]: caller.pointId } };
  }

  /** HEAD, PATCH and DELETE reach only the caller's point's uploads; another point's look like none. */
  private async onIncoming(req: Request, id: string): Promise<void> {
    if (req.method === 'POST') return;
    const caller = this.caller(req);
    const upload = await this.instance().store.getUpload(id);
    if (upload.metadata?.[POINT_KEY] !== caller.pointId)
      throw new ApiError(404, 'NOT_FOUND', 'no such upload');
  }

  private async onFinish(req: Request, upload: TusUpload): Promise<{ headers: Record<string, string> }> {
    const caller = this.caller(req);
    const { store } = this.instance();
    const meta = UploadMetadata.parse(upload.metadata);
    const file = upload.storage?.path ?? join(this.opts.uploadDir, upload.id);
    const sha256 = await sha256OfFile(file);
    if (sha256 !== meta.sha256) {
      await store.remove(upload.id);
      throw new ApiError(
        400,
        'VALIDATION_FAILED',
        'the uploaded bytes do not match the sha256 of the metadata; nothing was kept',
      );
    }
    // Bytes first, then the row: a recorded blob always has its bytes.
    await this.opts.blobs.adopt(file, sha256);
    await store.configstore.delete(upload.id);
    await recordBlob(
      this.opts.db,
      caller.pointId,
      { sha256, size: upload.offset, contentType: meta.contentType },
      Date.now(),
    );
    return { headers: { 'X-Blob-Sha256': sha256 } };
  }

  /** tus' refusals and our hooks' ApiErrors, as the API's JSON envelope with a stable code. */
  private mapError(req: Request, err: TusError): { status_code: number; body: string } {
    this.failed.add(req);
    if (err instanceof ApiError)
      return { status_code: err.statusCode, body: errorBody(err.code, err.message) };
    const status = 'status_code' in err ? err.status_code : 500;
    if (status >= 500) {
      const detail = err instanceof Error ? err.message : err.body;
      // A kiosk that lost its connection mid-PATCH: what arrived is kept, and it resumes from there.
      if (this.callers.get(req)?.raw.destroyed)
        this.opts.log.info({ detail }, 'upload interrupted by the client');
      else this.opts.log.error({ err: { message: detail } }, 'upload failed');
      return { status_code: status, body: errorBody('INTERNAL', 'internal error') };
    }
    const message =
      status === 413
        ? `attachments may be at most ${this.opts.maxUploadBytes} bytes`
        : ('body' in err ? err.body : err.message).trim();
    return { status_code: status, body: errorBody(codeOf(status), message) };
  }
}

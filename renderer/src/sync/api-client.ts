import type { z } from 'zod';
import { DigestResponse } from '#shared/digest/messages';
import { UploadMetadata } from '#shared/protocol/attachments';
import { EnrollRequest, EnrollResponse } from '#shared/protocol/enroll';
import { ErrorResponse } from '#shared/protocol/errors';
import { DEFAULT_PULL_PAGE } from '#shared/protocol/limits';
import { LeaseState } from '#shared/protocol/live';
import type { Operation } from '#shared/entities/registry';
import type { Scope } from '#shared/entities/scopes';
import { ServerConfig } from '#shared/protocol/server-config';
import { PullResponse, PushResponse } from '#shared/protocol/sync';
import { StatusChangeRequest, StatusChangeResponse } from '#shared/status/messages';
import { ApiError } from './api-error';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** e.g. `https://dvc.example.vn` (no trailing path); requests go to `<baseUrl>/api/v1/...`. */
  readonly baseUrl: string;
  readonly token?: string;
  readonly timeoutMs?: number;
  readonly fetch?: FetchLike;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** The sync API. Every answer is checked against the shared schemas; anything else is an ApiError. */
export class ApiClient {
  private readonly base: string;
  private readonly fetchImpl: FetchLike;

  constructor(private readonly opts: ApiClientOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = opts.fetch ?? ((input, init) => fetch(input, init));
  }

  enroll(req: EnrollRequest): Promise<EnrollResponse> {
    return this.call('/api/v1/enroll', { method: 'POST', body: EnrollRequest.parse(req) }, EnrollResponse);
  }

  push(ops: readonly Operation[]): Promise<PushResponse> {
    return this.call('/api/v1/sync/push', { method: 'POST', body: { ops } }, PushResponse);
  }

  /** A page of a scope's log after `cursor`. */
  pull(scope: Scope, cursor: number, limit = DEFAULT_PULL_PAGE): Promise<PullResponse> {
    const query = new URLSearchParams({ scope, cursor: String(cursor), limit: String(limit) });
    return this.call(`/api/v1/sync/pull?${query}`, { method: 'GET' }, PullResponse);
  }

  /** The server's digest of a scope's operations with seq ≤ cursor (anti-entropy). */
  digest(scope: Scope, cursor: number): Promise<DigestResponse> {
    const query = new URLSearchParams({ scope, cursor: String(cursor) });
    return this.call(`/api/v1/sync/digest?${query}`, { method: 'GET' }, DigestResponse);
  }

  config(): Promise<ServerConfig> {
    return this.call('/api/v1/config', { method: 'GET' }, ServerConfig);
  }

  /** Compare-and-set of a dossier status: a stale `expected` comes back as `{ ok: false, current }` (HTTP 409). */
  changeStatus(req: StatusChangeRequest): Promise<StatusChangeResponse> {
    const body = StatusChangeRequest.parse(req);
    const path = `/api/v1/drafts/${encodeURIComponent(req.draftId)}/status`;
    return this.call(path, { method: 'POST', body, answered: [409] }, StatusChangeResponse);
  }

  takeLease(draftId: string): Promise<LeaseState> {
    return this.call(`/api/v1/leases/${encodeURIComponent(draftId)}`, { method: 'PUT' }, LeaseState);
  }

  /** `keepalive` lets the release outlive a closing page. */
  releaseLease(draftId: string, opts: { keepalive?: boolean } = {}): Promise<LeaseState> {
    const path = `/api/v1/leases/${encodeURIComponent(draftId)}`;
    return this.call(path, { method: 'DELETE', keepalive: opts.keepalive }, LeaseState);
  }

  /** Whether the point's server holds the blob (HEAD: 200 yes, 404 no). */
  async hasBlob(sha256: string): Promise<boolean> {
    const res = await this.send(`/api/v1/blobs/${sha256}`, { method: 'HEAD', accept: '*/*' });
    if (res.status === 404) return false;
    if (res.ok) return true;
    throw await this.failure(res);
  }

  /** A blob's bytes and media type, or null when the server does not hold it. */
  async getBlob(
    sha256: string,
  ): Promise<{ bytes: ArrayBuffer; contentType: UploadMetadata['contentType'] } | null> {
    const res = await this.send(`/api/v1/blobs/${sha256}`, {
      method: 'GET',
      accept: '*/*',
      timeoutMs: BLOB_TIMEOUT_MS,
    });
    if (res.status === 404) return null;
    if (!res.ok) throw await this.failure(res);
    const type = UploadMetadata.shape.contentType.safeParse(
      res.headers.get('content-type')?.split(';')[0]?.trim(),
    );
    if (!type.success) throw new ApiError('BAD_RESPONSE', 'blob of an unexpected media type', res.status);
    try {
      return { bytes: await res.arrayBuffer(), contentType: type.data };
    } catch (e) {
      throw new ApiError('NETWORK', e instanceof Error ? e.message : String(e));
    }
  }

  /** Opens the live event stream (SSE over fetch, so the Bearer header goes along); the caller reads the body. */
  async openEvents(signal: AbortSignal): Promise<Response> {
    const res = await this.send('/api/v1/events', { method: 'GET', accept: 'text/event-stream', signal });
    if (!res.ok || !res.body) throw await this.failure(res);
    return res;
  }

  /** Where tus uploads go and the header that authenticates them. */
  uploadTarget(): { endpoint: string; headers: Record<string, string> } {
    return { endpoint: `${this.base}/api/v1/uploads`, headers: this.authHeader() };
  }

  private authHeader(): Record<string, string> {
    return this.opts.token ? { authorization: `Bearer ${this.opts.token}` } : {};
  }

  private async send(path: string, req: SendOptions): Promise<Response> {
    const headers: Record<string, string> = {
      accept: req.accept ?? 'application/json',
      ...this.authHeader(),
    };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await this.fetchImpl(this.base + path, {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: req.signal ?? AbortSignal.timeout(req.timeoutMs ?? this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        cache: 'no-store',
        ...(req.keepalive ? { keepalive: true } : {}),
      });
    } catch (e) {
      const timedOut = e instanceof DOMException && e.name === 'TimeoutError';
      throw new ApiError(timedOut ? 'TIMEOUT' : 'NETWORK', e instanceof Error ? e.message : String(e));
    }
  }

  private async failure(res: Response): Promise<ApiError> {
    const body: unknown = await res.json().catch(() => undefined);
    const parsed = ErrorResponse.safeParse(body);
    if (parsed.success) return new ApiError(parsed.data.error.code, parsed.data.error.message, res.status);
    const code =
      res.status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : res.status === 429
          ? 'RATE_LIMITED'
          : res.status >= 500
            ? 'INTERNAL'
            : 'BAD_RESPONSE';
    return new ApiError(code, `HTTP ${res.status}`, res.status);
  }

  /** A JSON call; `answered` lists error statuses whose body is a regular answer (e.g. 409 of a status CAS). */
  private async call<T>(
    path: string,
    req: SendOptions & { answered?: readonly number[] },
    schema: z.ZodType<T>,
  ): Promise<T> {
    const res = await this.send(path, req);
    if (!res.ok && !req.answered?.includes(res.status)) throw await this.failure(res);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      if (!res.ok) throw this.failureOf(body, res.status);
      throw new ApiError('BAD_RESPONSE', `unexpected answer from ${path}`, res.status);
    }
    return parsed.data;
  }

  private failureOf(body: unknown, status: number): ApiError {
    const parsed = ErrorResponse.safeParse(body);
    return parsed.success
      ? new ApiError(parsed.data.error.code, parsed.data.error.message, status)
      : new ApiError('BAD_RESPONSE', `HTTP ${status}`, status);
  }
}

interface SendOptions {
  readonly method: string;
  readonly body?: unknown;
  readonly accept?: string;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly keepalive?: boolean | undefined;
}

/** A document photo on a slow link takes longer than a JSON answer. */
const BLOB_TIMEOUT_MS = 60_000;

import type { z } from 'zod';
import { EnrollRequest, EnrollResponse } from '#shared/protocol/enroll';
import { ErrorResponse } from '#shared/protocol/errors';
import { DEFAULT_PULL_PAGE } from '#shared/protocol/limits';
import type { Operation } from '#shared/protocol/operation';
import { PullResponse, PushResponse } from '#shared/protocol/sync';
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

  pull(cursor: number, limit = DEFAULT_PULL_PAGE): Promise<PullResponse> {
    const query = new URLSearchParams({ cursor: String(cursor), limit: String(limit) });
    return this.call(`/api/v1/sync/pull?${query}`, { method: 'GET' }, PullResponse);
  }

  private async call<T>(path: string, req: { method: string; body?: unknown }, schema: z.ZodType<T>): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    let res: Response;
    try {
      res = await this.fetchImpl(this.base + path, {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        cache: 'no-store',
      });
    } catch (e) {
      const timedOut = e instanceof DOMException && e.name === 'TimeoutError';
      throw new ApiError(timedOut ? 'TIMEOUT' : 'NETWORK', e instanceof Error ? e.message : String(e));
    }
    const body = await res.json().catch(() => undefined);
    if (!res.ok) {
      const parsed = ErrorResponse.safeParse(body);
      if (parsed.success) throw new ApiError(parsed.data.error.code, parsed.data.error.message, res.status);
      throw new ApiError(res.status === 429 ? 'RATE_LIMITED' : res.status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE', `HTTP ${res.status}`, res.status);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new ApiError('BAD_RESPONSE', `unexpected answer from ${path}`, res.status);
    return parsed.data;
  }
}

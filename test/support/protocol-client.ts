import type { z } from 'zod';
import { EnrollRequest, EnrollResponse } from '#shared/protocol/enroll';
import { ErrorResponse, type ErrorCode } from '#shared/protocol/errors';
import type { Operation } from '#shared/entities/registry';
import { DraftSnapshot, PullResponse, PushResponse } from '#shared/protocol/sync';

/**
 * The request never got a well-formed answer (connection refused or cut, timeout, truncated body):
 * its effect on the server is unknown, so the only safe move is to retry the same request.
 */
export class TransportError extends Error {
  override readonly name = 'TransportError';
}

/** The server answered with a well-formed error body. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(`${status} ${code}: ${message}`);
  }

  /** Server-side trouble that a later retry may get past. */
  get retryable(): boolean {
    return this.status >= 500 || this.code === 'RATE_LIMITED';
  }
}

/** A well-formed answer that breaks the contract: a server bug, never retried. */
export class ProtocolViolation extends Error {
  override readonly name = 'ProtocolViolation';
}

export function isRetryable(err: unknown): boolean {
  return err instanceof TransportError || (err instanceof ApiError && err.retryable);
}

export interface ClientOptions {
  /** Upper bound on one request, so a stalled connection never hangs a test. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

async function call<S extends z.ZodType>(
  url: string,
  init: RequestInit,
  schema: S,
  opts: ClientOptions,
): Promise<{ status: number; body: z.infer<S> }> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) });
    text = await res.text();
  } catch (err) {
    throw new TransportError(`${init.method ?? 'GET'} ${url}: ${describe(err)}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TransportError(
      `${init.method ?? 'GET'} ${url}: malformed body (${text.length} bytes, status ${res.status})`,
    );
  }
  if (!res.ok) {
    const parsed = ErrorResponse.safeParse(json);
    if (!parsed.success)
      throw new ProtocolViolation(`${res.status} without a valid error body: ${text.slice(0, 200)}`);
    throw new ApiError(res.status, parsed.data.error.code, parsed.data.error.message);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new ProtocolViolation(`${url}: response does not match its schema: ${parsed.error.message}`);
  return { status: res.status, body: parsed.data };
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return `${err.message}${cause}`;
}

const json = (body: unknown, token?: string): RequestInit => ({
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  },
  body: JSON.stringify(body),
});

export async function enroll(
  baseUrl: string,
  req: EnrollRequest,
  opts: ClientOptions = {},
): Promise<EnrollResponse> {
  const body = EnrollRequest.parse(req);
  return (await call(`${baseUrl}/api/v1/enroll`, json(body), EnrollResponse, opts)).body;
}

/** One enrolled device's view of the sync API. */
export class SyncClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
    private readonly opts: ClientOptions = {},
  ) {}

  /** A client for the same device through another address (e.g. straight to the server, past a proxy). */
  via(baseUrl: string): SyncClient {
    return new SyncClient(baseUrl, this.token, this.opts);
  }

  async push(ops: readonly Operation[]): Promise<PushResponse> {
    return (
      await call(`${this.baseUrl}/api/v1/sync/push`, json({ ops }, this.token), PushResponse, this.opts)
    ).body;
  }

  async pull(cursor: number, limit?: number): Promise<PullResponse> {
    const q = new URLSearchParams({ cursor: String(cursor) });
    if (limit !== undefined) q.set('limit', String(limit));
    return (await call(`${this.baseUrl}/api/v1/sync/pull?${q}`, this.auth(), PullResponse, this.opts)).body;
  }

  /** The server's merged view of a draft, or null when the point has no such draft. */
  async getDraft(draftId: string): Promise<DraftSnapshot | null> {
    try {
      return (
        await call(
          `${this.baseUrl}/api/v1/drafts/${encodeURIComponent(draftId)}`,
          this.auth(),
          DraftSnapshot,
          this.opts,
        )
      ).body;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  private auth(): RequestInit {
    return { method: 'GET', headers: { authorization: `Bearer ${this.token}` } };
  }
}

/** True once GET /healthz answers 2xx; never throws. */
export async function isHealthy(baseUrl: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

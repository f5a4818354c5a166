import type { ZodApp } from '../app/types';

export interface Reply {
  status: number;
  headers: Record<string, string | undefined>;
  /** Parsed JSON, or the text when the response is not JSON. */
  body: unknown;
  text: string;
}

export interface CallOptions {
  token?: string;
  /** An object is sent as JSON; a string is sent as is (for malformed-body tests). */
  body?: unknown;
  headers?: Record<string, string>;
}

/** One way to talk to the server, so a suite runs the same through app.inject and real HTTP. */
export type Client = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD',
  url: string,
  opts?: CallOptions,
) => Promise<Reply>;

function requestHeaders(opts: CallOptions): Record<string, string> {
  return {
    ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    ...opts.headers,
  };
}

function encode(body: unknown): string | undefined {
  return body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
}

function parse(text: string, type: string | undefined): unknown {
  return type?.includes('application/json') && text ? (JSON.parse(text) as unknown) : text;
}

export function injectClient(app: ZodApp): Client {
  return async (method, url, opts = {}) => {
    const res = await app.inject({ method, url, headers: requestHeaders(opts), payload: encode(opts.body) });
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(res.headers)) headers[k] = v === undefined ? undefined : String(v);
    return {
      status: res.statusCode,
      headers,
      text: res.body,
      body: parse(res.body, headers['content-type']),
    };
  };
}

export function httpClient(baseUrl: string): Client {
  return async (method, url, opts = {}) => {
    const res = await fetch(new URL(url, baseUrl), {
      method,
      headers: requestHeaders(opts),
      body: encode(opts.body),
    });
    const text = await res.text();
    const headers = Object.fromEntries(res.headers.entries());
    return { status: res.status, headers, text, body: parse(text, headers['content-type']) };
  };
}

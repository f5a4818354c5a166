import path from 'node:path';
import { resolveAppAsset, type PathApi } from '../policy/protocol-path';
import { contentTypeFor } from './mime';
import { errorCode } from '../errors/node-error';

export interface AppRequest {
  readonly method: string;
  readonly url: string;
}

export interface AppResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** null for HEAD and for errors. */
  readonly body: Uint8Array | null;
}

export interface AppProtocolOptions {
  readonly rootDir: string;
  readonly contentSecurityPolicy: string;
  readonly readFile: (filePath: string) => Promise<Uint8Array>;
  readonly pathApi?: PathApi;
}

const MISSING_FILE_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/**
 * Answers one app://kiosk request from the built renderer. Plain Node (the adapter turns the result
 * into a fetch Response), so the whole path from URL to bytes is tested without Electron.
 */
export async function serveAppRequest(
  request: AppRequest,
  options: AppProtocolOptions,
): Promise<AppResponse> {
  const baseHeaders = {
    'Content-Security-Policy': options.contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    // The bundle changes only with an app update; revalidate rather than serve a stale mix.
    'Cache-Control': 'no-cache',
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return { status: 405, headers: { ...baseHeaders, Allow: 'GET, HEAD' }, body: null };
  }
  const resolved = resolveAppAsset(request.url, options.rootDir, options.pathApi ?? path);
  if (resolved.kind === 'reject') return { status: resolved.status, headers: baseHeaders, body: null };

  let bytes: Uint8Array;
  try {
    bytes = await options.readFile(resolved.filePath);
  } catch (error) {
    const code = errorCode(error);
    if (code !== undefined && MISSING_FILE_CODES.has(code))
      return { status: 404, headers: baseHeaders, body: null };
    throw error;
  }
  return {
    status: 200,
    headers: { ...baseHeaders, 'Content-Type': contentTypeFor(resolved.filePath) },
    body: request.method === 'HEAD' ? null : bytes,
  };
}

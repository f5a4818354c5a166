import path from 'node:path';
import { isAppUrl } from './app-origin';

/** The subset of node:path the resolver uses, so tests can run Windows semantics (path.win32) anywhere. */
export type PathApi = Pick<typeof path.posix, 'join' | 'relative' | 'isAbsolute' | 'sep'>;

export type AssetResolution =
  | { readonly kind: 'file'; readonly filePath: string }
  | { readonly kind: 'reject'; readonly status: 400 | 404; readonly reason: string };

const INDEX_FILE = 'index.html';
// A segment carrying a separator, a drive or stream marker (':'), or a control character could
// reach outside the bundle or address something that is not a plain file.
const FORBIDDEN_IN_SEGMENT = /[/\\:\p{Cc}]/u;
// Windows maps these names to devices in every directory, whatever the extension.
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\.|$)/i;

function reject(status: 400 | 404, reason: string): AssetResolution {
  return { kind: 'reject', status, reason };
}

/**
 * Maps an app://kiosk request to a file inside `rootDir`, or refuses it. Segments are decoded one by
 * one, so an encoded separator (%2F, %5C) or dot-segment (%2e%2e) can never become path syntax, and the
 * joined result is checked once more with path.relative. Paths without an extension are client-side
 * routes and get the single-page app's index.html.
 */
export function resolveAppAsset(
  requestUrl: string,
  rootDir: string,
  pathApi: PathApi = path,
): AssetResolution {
  if (!isAppUrl(requestUrl)) return reject(404, 'not the app origin');
  const rawPath = new URL(requestUrl).pathname;

  const segments: string[] = [];
  for (const rawSegment of rawPath.split('/')) {
    if (rawSegment === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(rawSegment);
    } catch {
      return reject(400, 'malformed percent-encoding');
    }
    if (FORBIDDEN_IN_SEGMENT.test(segment)) return reject(400, 'forbidden character in path');
    if (segment.startsWith('.')) return reject(400, 'dot segment or hidden file');
    if (segment.endsWith(' ') || segment.endsWith('.')) return reject(400, 'trailing dot or space');
    if (pathApi.sep === '\\' && WINDOWS_DEVICE_NAME.test(segment)) return reject(400, 'Windows device name');
    segments.push(segment);
  }

  const last = segments[segments.length - 1];
  const fileSegments = last === undefined || !last.includes('.') ? [INDEX_FILE] : segments;
  const filePath = pathApi.join(rootDir, ...fileSegments);
  const relative = pathApi.relative(rootDir, filePath);
  if (relative === '' || relative.startsWith('..') || pathApi.isAbsolute(relative)) {
    return reject(400, 'outside the bundle');
  }
  return { kind: 'file', filePath };
}

import fs from 'node:fs/promises';
import type { Session } from 'electron';
import { APP_SCHEME } from '../policy/app-origin';
import { serveAppRequest } from '../serve/app-protocol';

/** Serves the built renderer at app://kiosk from `rootDir`, with the CSP header on every response. */
export function registerAppProtocol(
  ses: Session,
  options: { rootDir: string; contentSecurityPolicy: string },
): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const response = await serveAppRequest(
      { method: request.method, url: request.url },
      {
        rootDir: options.rootDir,
        contentSecurityPolicy: options.contentSecurityPolicy,
        readFile: fs.readFile,
      },
    );
    const body = response.body === null ? null : new Blob([Uint8Array.from(response.body)]);
    return new Response(body, { status: response.status, headers: response.headers });
  });
}

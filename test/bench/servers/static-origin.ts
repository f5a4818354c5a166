import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveStatic } from './static-files';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface StaticOrigin {
  url: string;
  close(): Promise<void>;
}

/** A loopback origin serving a built folder; requests under `mount.prefix` go to `mount.handler` instead. */
export async function startStaticOrigin(
  dir: string,
  mount?: { prefix: string; handler: Handler },
): Promise<StaticOrigin> {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (mount && (url === mount.prefix || url.startsWith(mount.prefix + '/'))) {
      req.url = url.slice(mount.prefix.length) || '/';
      mount.handler(req, res);
    } else {
      serveStatic(dir, req, res);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

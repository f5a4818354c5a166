import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { WireBytes } from '../report/row';

/**
 * A TCP proxy on 127.0.0.1 between a browser and a server. It counts the bytes each way on the socket
 * (headers, bodies, chunk framing: what a network would carry), and can hold every chunk back a fixed time
 * in each direction, so each request–response exchange takes that much longer twice over.
 */
export interface WireProxy {
  readonly url: string;
  readonly port: number;
  /** Where new connections go (connections already open keep their server). */
  setTarget(port: number): void;
  /** Delay added to every chunk in each direction; a round trip gets twice this. */
  setOneWayDelay(ms: number): void;
  /** Bytes carried since the last reset. */
  bytes(): WireBytes;
  resetBytes(): void;
  close(): Promise<void>;
}

export async function startWireProxy(opts: { port?: number; targetPort?: number } = {}): Promise<WireProxy> {
  let targetPort = opts.targetPort ?? 0;
  let delayMs = 0;
  let sent = 0;
  let received = 0;
  const sockets = new Set<Socket>();

  // Half-open allowed on both sides, so each direction ends exactly when its sender ended it.
  const server = createServer({ allowHalfOpen: true }, (client) => {
    const upstream = connect({ host: '127.0.0.1', port: targetPort, allowHalfOpen: true });
    sockets.add(client).add(upstream);
    const forget = (s: Socket) => () => sockets.delete(s);
    client.on('close', forget(client));
    upstream.on('close', forget(upstream));
    relay(
      client,
      upstream,
      (n) => (sent += n),
      () => delayMs,
    );
    relay(
      upstream,
      client,
      (n) => (received += n),
      () => delayMs,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setTarget: (p) => (targetPort = p),
    setOneWayDelay: (ms) => (delayMs = ms),
    bytes: () => ({ sent, received }),
    resetBytes: () => {
      sent = 0;
      received = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Copies `from` to `to` in order, each chunk (and the end) delivered `delay()` ms after it arrived. */
function relay(from: Socket, to: Socket, count: (n: number) => void, delay: () => number): void {
  const queue: { at: number; chunk: Buffer | null }[] = [];
  let timer: NodeJS.Timeout | null = null;
  const pump = (): void => {
    timer = null;
    const now = Date.now();
    while (queue.length > 0 && (queue[0] as { at: number }).at <= now) {
      const { chunk } = queue.shift() as { chunk: Buffer | null };
      if (to.destroyed) return;
      if (chunk === null) to.end();
      else to.write(chunk);
    }
    if (queue.length > 0) timer = setTimeout(pump, (queue[0] as { at: number }).at - now);
  };
  const enqueue = (chunk: Buffer | null): void => {
    const wait = delay();
    if (wait === 0 && queue.length === 0) {
      if (to.destroyed) return;
      if (chunk === null) to.end();
      else to.write(chunk);
      return;
    }
    queue.push({ at: Date.now() + wait, chunk });
    if (timer === null) timer = setTimeout(pump, wait);
  };
  from.on('data', (chunk: Buffer) => {
    count(chunk.length);
    enqueue(chunk);
  });
  from.on('end', () => enqueue(null));
  // A cut connection is cut on the other side too; a clean end travels as the queued end above.
  from.on('error', () => to.destroy());
  from.on('close', (hadError: boolean) => {
    if (hadError) to.destroy();
  });
}

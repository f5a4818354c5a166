import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { mulberry32, type Rng } from '../support/prng';

/**
 * What the proxy does to one request:
 * - pass: forward it and relay the answer;
 * - refuse: destroy the client's socket before anything reaches the server;
 * - delay: wait a bounded time, then pass;
 * - duplicate: send the request to the server twice (one after the other, or both at once) and answer
 *   with the second answer;
 * - cutRequest: send the headers and only part of the body, then abort both sides: the server must not
 *   act on a partial request;
 * - lostAnswer: let the server commit and answer, then destroy the client's socket before any byte of it;
 * - cutResponse: relay the status, headers and part of the body, then destroy the client's socket;
 * - truncate: relay a well-formed HTTP response whose body is cut short (Content-Length adjusted), so only
 *   the client's own validation can tell it is broken.
 */
export const FAULT_KINDS = [
  'pass',
  'refuse',
  'delay',
  'duplicate',
  'cutRequest',
  'lostAnswer',
  'cutResponse',
  'truncate',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultWeights = Readonly<Record<FaultKind, number>>;
export type FaultCounts = Record<FaultKind, number>;

export const HEALED: FaultWeights = {
  pass: 1,
  refuse: 0,
  delay: 0,
  duplicate: 0,
  cutRequest: 0,
  lostAnswer: 0,
  cutResponse: 0,
  truncate: 0,
};

export interface FaultProxyOptions {
  /** Base URL of the server, e.g. `http://127.0.0.1:8787`. */
  upstream: string;
  /** Seeds every decision: requests arriving in the same order get the same faults. */
  seed: number;
  weights?: FaultWeights;
  /** Bound of the `delay` fault. */
  maxDelayMs?: number;
}

export interface FaultProxy {
  readonly url: string;
  /** How many requests got each treatment so far. */
  readonly counts: Readonly<FaultCounts>;
  setWeights(weights: FaultWeights): void;
  /** The network heals: every request passes from now on. */
  heal(): void;
  /** Stops listening, aborts whatever is in flight, and resolves once no socket or timer is left. */
  close(): Promise<void>;
}

/** One request's fate, drawn in full when it arrives so async interleaving never changes later draws. */
interface Plan {
  kind: FaultKind;
  delayMs: number;
  /** Fraction of the body (request or response) that gets through, in [0, 1). */
  fraction: number;
  /** duplicate: send both copies at once rather than one after the other. */
  together: boolean;
}

interface Upstream {
  status: number;
  headers: http.OutgoingHttpHeaders;
  body: Buffer;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'proxy-connection',
  'upgrade',
  'te',
  'trailer',
]);

export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = new URL(opts.upstream);
  if (upstream.hostname !== '127.0.0.1') throw new Error('the fault proxy only forwards to 127.0.0.1');
  const rng: Rng = mulberry32(opts.seed);
  const maxDelayMs = opts.maxDelayMs ?? 25;
  let weights: FaultWeights = opts.weights ?? HEALED;
  const counts = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as FaultCounts;

  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const stop = new AbortController();
  const sockets = new Set<Socket>();
  const inFlight = new Set<Promise<void>>();

  const plan = (): Plan => {
    const kind = rng.weighted(weights);
    return { kind, delayMs: rng.int(1, maxDelayMs), fraction: rng.next(), together: rng.chance(0.5) };
  };

  const forward = (req: http.IncomingMessage, body: Buffer, partial?: number): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(req.headers))
        if (!HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v;
      headers.host = upstream.host;
      if (body.length > 0 || req.headers['content-length'] !== undefined)
        headers['content-length'] = body.length;
      const up = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers,
          agent,
          signal: stop.signal,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const out: http.OutgoingHttpHeaders = {};
            for (const [k, v] of Object.entries(res.headers))
              if (!HOP_BY_HOP.has(k) && v !== undefined) out[k] = v;
            resolve({ status: res.statusCode ?? 502, headers: out, body: Buffer.concat(chunks) });
          });
          res.on('error', reject);
        },
      );
      up.on('error', reject);
      if (partial === undefined) {
        up.end(body);
        return;
      }
      // Part of the body, then the connection dies: written bytes are flushed before the abort.
      up.flushHeaders();
      up.write(body.subarray(0, partial), () => {
        up.destroy();
        reject(new Error('request cut on purpose'));
      });
    });

  const readBody = (req: http.IncomingMessage): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
      req.on('close', () => {
        if (!req.complete) reject(new Error('client went away mid-request'));
      });
    });

  const reply = (res: http.ServerResponse, up: Upstream, bodyBytes = up.body.length): void => {
    res.writeHead(up.status, { ...up.headers, 'content-length': bodyBytes });
    res.end(up.body.subarray(0, bodyBytes));
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, p: Plan): Promise<void> => {
    if (p.kind === 'refuse') {
      req.socket.destroy();
      return;
    }
    const body = await readBody(req);
    switch (p.kind) {
      case 'pass':
        return reply(res, await forward(req, body));
      case 'delay':
        await sleep(p.delayMs, undefined, { signal: stop.signal });
        return reply(res, await forward(req, body));
      case 'duplicate': {
        let second: Upstream;
        if (p.together) [, second] = await Promise.all([forward(req, body), forward(req, body)]);
        else {
          await forward(req, body);
          second = await forward(req, body);
        }
        return reply(res, second);
      }
      case 'cutRequest': {
        const cut = Math.floor(p.fraction * body.length);
        await forward(req, body, cut).catch(() => undefined);
        req.socket.destroy();
        return;
      }
      case 'lostAnswer':
        await forward(req, body);
        req.socket.destroy();
        return;
      case 'cutResponse': {
        const up = await forward(req, body);
        res.writeHead(up.status, { ...up.headers, 'content-length': up.body.length });
        res.flushHeaders();
        res.write(up.body.subarray(0, Math.floor(p.fraction * up.body.length)), () => req.socket.destroy());
        return;
      }
      case 'truncate': {
        const up = await forward(req, body);
        return reply(res, up, Math.floor(p.fraction * up.body.length));
      }
    }
  };

  const server = http.createServer((req, res) => {
    const p = plan();
    counts[p.kind]++;
    const done = handle(req, res, p)
      // Any failure (upstream gone, client gone, proxy closing) ends in a dead client socket, like a real network.
      .catch(() => {
        req.socket.destroy();
      })
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (_err, s) => s.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    setWeights(w) {
      weights = w;
    },
    heal() {
      weights = HEALED;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      stop.abort();
      for (const s of sockets) s.destroy();
      await Promise.allSettled([...inFlight]);
      agent.destroy();
      await closed;
    },
  };
}

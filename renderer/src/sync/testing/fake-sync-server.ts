import { digestOf } from '#shared/digest/digest';
import type { LogOperation } from '#shared/protocol/operation';
import { PushRequest } from '#shared/protocol/sync';
import { decideStatusChange } from '#shared/status/compare-and-set';
import { StatusChangeRequest } from '#shared/status/messages';
import type { Status } from '#shared/status/status';
import type { FetchLike } from '../api-client';

export const SERVER_TIME = Date.now() + 3_600_000; // the server's clock is an hour ahead of the kiosk's

/**
 * An in-memory stand-in for the sync server's HTTP API (push, pull, digest, config, status CAS, blobs), with
 * switches for the failures the tests care about. Test support only: the app never imports it.
 */
export class FakeSyncServer {
  log: { seq: number; op: LogOperation }[] = [];
  pushes: string[][] = [];
  /** Answers of push/pull to fail before behaving (each entry: a status and body, or 'network'). */
  failures: ({ status: number; body: unknown } | 'network')[] = [];
  /** Commit the push, then lose the answer (the connection drops on the way back). */
  loseNextAnswer = false;
  /** Acknowledge at most this many operations of a push. */
  ackLimit = Infinity;
  pageSize = 2;
  /** Blobs the server holds. */
  blobs = new Set<string>();
  /** Dossier statuses with their CAS version. */
  statuses = new Map<string, { status: Status; version: number }>();
  statusRequests: StatusChangeRequest[] = [];
  /** Seqs the next pull silently leaves out, once each (a lost row somewhere): the kiosk's digest must notice. */
  skipInPull = new Set<number>();
  maxUploadBytes = 5_000_000;
  retentionDays = 30;
  requests: string[] = [];

  readonly fetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    this.requests.push(`${init.method ?? 'GET'} ${url.pathname}`);
    if (url.pathname.startsWith('/api/v1/sync/')) {
      const failure = this.failures.shift();
      if (failure === 'network') throw new TypeError('Failed to fetch');
      if (failure) return json(failure.status, failure.body);
    }
    if (url.pathname === '/api/v1/sync/push') return this.push(String(init.body));
    if (url.pathname === '/api/v1/sync/pull') return this.pull(Number(url.searchParams.get('cursor')));
    if (url.pathname === '/api/v1/sync/digest') {
      const cursor = Number(url.searchParams.get('cursor'));
      return json(200, { cursor, ...digestOf(this.log.filter((e) => e.seq <= cursor).map((e) => e.op.hlc)) });
    }
    if (url.pathname === '/api/v1/config') {
      return json(200, {
        maxUploadBytes: this.maxUploadBytes,
        retentionDays: this.retentionDays,
        leaseTtlMs: 30_000,
        serverTime: SERVER_TIME,
      });
    }
    const blob = /^\/api\/v1\/blobs\/([0-9a-f]{64})$/.exec(url.pathname);
    if (blob) return new Response(null, { status: this.blobs.has(blob[1]!) ? 200 : 404 });
    const status = /^\/api\/v1\/drafts\/([^/]+)\/status$/.exec(url.pathname);
    if (status) return this.changeStatus(String(init.body));
    return json(404, { error: { code: 'NOT_FOUND', message: 'no route' } });
  };

  /** Another device (or the authority) changes a status on the server directly. */
  setStatus(draftId: string, status: Status): void {
    const version = (this.statuses.get(draftId)?.version ?? 0) + 1;
    this.statuses.set(draftId, { status, version });
    this.append({
      kind: 'status',
      hlc: `${String(SERVER_TIME + this.log.length).padStart(13, '0')}:0000:server`,
      draftId,
      status,
      version,
    });
  }

  private append(op: LogOperation): void {
    if (!this.log.some((e) => e.op.hlc === op.hlc)) this.log.push({ seq: this.log.length + 1, op });
  }

  private push(body: string): Response {
    const { ops } = PushRequest.parse(JSON.parse(body));
    this.pushes.push(ops.map((o) => o.hlc));
    const missing = ops.find((op) => op.kind === 'set' && op.blob && !this.blobs.has(op.blob));
    if (missing) return json(409, { error: { code: 'BLOB_MISSING', message: 'blob missing' } });
    const accepted = ops.slice(0, this.ackLimit);
    for (const op of accepted) this.append(op);
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new TypeError('Failed to fetch');
    }
    return json(200, { acked: accepted.map((o) => o.hlc), serverTime: SERVER_TIME });
  }

  private pull(cursor: number): Response {
    const page = this.log.filter((e) => e.seq > cursor).slice(0, this.pageSize);
    const next = page.at(-1)?.seq ?? cursor;
    const ops = page.filter((e) => !this.skipInPull.delete(e.seq));
    return json(200, {
      ops,
      cursor: next,
      hasMore: this.log.some((e) => e.seq > next),
      serverTime: SERVER_TIME,
    });
  }

  private changeStatus(body: string): Response {
    const req = StatusChangeRequest.parse(JSON.parse(body));
    this.statusRequests.push(req);
    if (!this.log.some((e) => e.op.draftId === req.draftId)) {
      return json(404, { error: { code: 'NOT_FOUND', message: 'no such draft' } });
    }
    const current = this.statuses.get(req.draftId)?.status ?? 'draft';
    const answer = decideStatusChange(current, req);
    if (answer.ok && answer.changed) this.setStatus(req.draftId, answer.status);
    return json(answer.ok ? 200 : 409, answer);
  }
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

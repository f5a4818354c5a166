import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import http from 'pouchdb-adapter-http';
import memory from 'pouchdb-adapter-memory';
import mapreduce from 'pouchdb-mapreduce';
import replication from 'pouchdb-replication';
import { serveStatic } from './static-files';

export const POUCH_PREFIX = '/db';

export interface PouchOrigin {
  url: string;
  /** Documents the server holds in `db`, asked over its own HTTP API. */
  docCount(db: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * The sync baseline's CouchDB-protocol server (express-pouchdb over PouchDB's in-memory adapter) on loopback.
 * It serves the bench page from the same origin, so PouchDB's replication pays no CORS preflights.
 */
export async function startPouchOrigin(staticDir: string): Promise<PouchOrigin> {
  const MemoryPouch = PouchDB.plugin(memory).plugin(http).plugin(mapreduce).plugin(replication).defaults({
    adapter: 'memory',
  });
  const couch = expressPouchDB(MemoryPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true });
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === POUCH_PREFIX || url.startsWith(POUCH_PREFIX + '/')) {
      req.url = url.slice(POUCH_PREFIX.length) || '/';
      couch(req, res);
    } else {
      serveStatic(staticDir, req, res);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    async docCount(db) {
      const res = await fetch(`${base}${POUCH_PREFIX}/${db}`);
      const body = (await res.json()) as { doc_count?: number };
      return body.doc_count ?? 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

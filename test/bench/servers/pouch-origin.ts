import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import http from 'pouchdb-adapter-http';
import memory from 'pouchdb-adapter-memory';
import mapreduce from 'pouchdb-mapreduce';
import replication from 'pouchdb-replication';
import { startStaticOrigin, type StaticOrigin } from './static-origin';

export const POUCH_PREFIX = '/db';

export interface PouchOrigin extends StaticOrigin {
  /** Creates an empty database and returns its URL. */
  createDb(name: string): Promise<string>;
  /** Documents the server holds in `db`, asked over its own HTTP API. */
  docCount(db: string): Promise<number>;
}

type MemoryPouch = ReturnType<typeof PouchDB.defaults>;
let memoryPouch: MemoryPouch | null = null;

// Plugins patch PouchDB's prototype and may be applied only once per process.
function pouchWithMemoryAdapter(): MemoryPouch {
  memoryPouch ??= PouchDB.plugin(memory)
    .plugin(http)
    .plugin(mapreduce)
    .plugin(replication)
    .defaults({ adapter: 'memory' });
  return memoryPouch;
}

/**
 * The sync baseline's CouchDB-protocol server (express-pouchdb over PouchDB's in-memory adapter) on loopback.
 * It serves the bench page from the same origin, so PouchDB's replication pays no CORS preflights.
 */
export async function startPouchOrigin(staticDir: string): Promise<PouchOrigin> {
  const couch = expressPouchDB(pouchWithMemoryAdapter(), { mode: 'minimumForPouchDB', inMemoryConfig: true });
  const origin = await startStaticOrigin(staticDir, { prefix: POUCH_PREFIX, handler: couch });
  return {
    ...origin,
    async createDb(name) {
      const url = `${origin.url}${POUCH_PREFIX}/${name}`;
      const res = await fetch(url, { method: 'PUT' });
      if (!res.ok) throw new Error(`express-pouchdb refused to create ${name}: HTTP ${res.status}`);
      return url;
    },
    async docCount(db) {
      const res = await fetch(`${origin.url}${POUCH_PREFIX}/${db}`);
      const body = (await res.json()) as { doc_count?: number };
      return body.doc_count ?? 0;
    },
  };
}

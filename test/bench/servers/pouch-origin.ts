import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import http from 'pouchdb-adapter-http';
import memory from 'pouchdb-adapter-memory';
import mapreduce from 'pouchdb-mapreduce';
import replication from 'pouchdb-replication';
import { startStaticOrigin, type StaticOrigin } from './static-origin';

/** Where the bench's PouchDB servers mount their CouchDB API beside the bench page. */
export const POUCH_PREFIX = '/db';

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
 * The in-memory sync baseline: express-pouchdb (its minimal mode) over PouchDB's memory adapter, in this
 * process, on loopback. It serves the bench page from the same origin, so PouchDB's replication pays no CORS
 * preflights. PouchDB's memory adapter keeps databases per process: a fresh name gives a fresh database.
 */
export async function startPouchMemoryOrigin(staticDir: string): Promise<StaticOrigin> {
  const couch = expressPouchDB(pouchWithMemoryAdapter(), { mode: 'minimumForPouchDB', inMemoryConfig: true });
  return startStaticOrigin(staticDir, { prefix: POUCH_PREFIX, handler: couch });
}

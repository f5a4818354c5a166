// Run as its own process by pouch-leveldb.ts: `node --import tsx pouch-leveldb-child.ts <dataDir> <staticDir>`.
import path from 'node:path';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import http from 'pouchdb-adapter-http';
import leveldb from 'pouchdb-adapter-leveldb';
import mapreduce from 'pouchdb-mapreduce';
import replication from 'pouchdb-replication';
import { POUCH_PREFIX } from './pouch-origin';
import { startStaticOrigin } from './static-origin';

const [dataDir, staticDir] = process.argv.slice(2);
if (!dataDir || !staticDir) throw new Error('usage: pouch-leveldb-child.ts <dataDir> <staticDir>');

// What pouchdb-server runs by default: express-pouchdb's full CouchDB mode over LevelDB files in dataDir.
const pouch = PouchDB.plugin(leveldb)
  .plugin(http)
  .plugin(mapreduce)
  .plugin(replication)
  .defaults({ adapter: 'leveldb', prefix: dataDir + path.sep });
const couch = expressPouchDB(pouch, {
  mode: 'fullCouchDB',
  inMemoryConfig: false,
  configPath: path.join(dataDir, 'config.json'),
  logPath: path.join(dataDir, 'log.txt'),
});
const origin = await startStaticOrigin(staticDir, { prefix: POUCH_PREFIX, handler: couch });
// The parent reads this one line to learn the address.
console.log(JSON.stringify({ url: origin.url }));
process.on('SIGTERM', () => void origin.close().then(() => process.exit(0)));

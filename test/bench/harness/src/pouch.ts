import PouchDB from 'pouchdb-browser';
import { fieldText } from './payload';

const LOCAL = 'bench-pouch';

/** Writes `count` documents of about `bytes` each into PouchDB's IndexedDB store (not timed: the "offline edits"). */
export async function pouchPrepare(
  count: number,
  bytes: number,
): Promise<{ docCount: number; adapter: string }> {
  await new PouchDB(LOCAL).destroy();
  const db = new PouchDB(LOCAL);
  const CHUNK = 500;
  for (let start = 0; start < count; start += CHUNK) {
    const docs = [];
    for (let i = start; i < Math.min(count, start + CHUNK); i++) {
      docs.push({
        _id: `edit-${String(i).padStart(5, '0')}`,
        field: `f${i % 20}`,
        value: fieldText(bytes, i),
      });
    }
    await db.bulkDocs(docs);
  }
  const info = await db.info();
  await db.close();
  return { docCount: info.doc_count, adapter: info.adapter };
}

/** Pushes the local documents to the CouchDB-protocol server with PouchDB's default settings; ms until done. */
export async function pouchReplicate(
  remoteUrl: string,
): Promise<{ ms: number; docsWritten: number; errors: number }> {
  const db = new PouchDB(LOCAL);
  const t0 = performance.now();
  const result = await db.replicate.to(remoteUrl);
  const ms = performance.now() - t0;
  await db.close();
  return { ms, docsWritten: result.docs_written, errors: result.errors.length };
}

import PouchDB from 'pouchdb-browser';
import type { PouchSyncOutcome } from './bench-api';
import { generatedEdits, type EditShape } from './edits';

const LOCAL = 'bench-pouch';
const CHUNK = 500;

/** Writes the generated edits as documents (one per edit) into PouchDB's IndexedDB store: the "offline edits". */
export async function pouchPrepare(shape: EditShape): Promise<{ docCount: number; adapter: string }> {
  await new PouchDB(LOCAL).destroy();
  const db = new PouchDB(LOCAL);
  let docs: { _id: string; draft: number; field: string; value: string }[] = [];
  for (const edit of generatedEdits(shape)) {
    docs.push({
      _id: `edit-${String(edit.index).padStart(5, '0')}`,
      draft: edit.draft,
      field: edit.field,
      value: edit.value,
    });
    if (docs.length === CHUNK) {
      await db.bulkDocs(docs);
      docs = [];
    }
  }
  if (docs.length > 0) await db.bulkDocs(docs);
  const info = await db.info();
  await db.close();
  return { docCount: info.doc_count, adapter: info.adapter };
}

/** PouchDB's own sync (push and pull at once) with its default settings, until both halves are done. */
export async function pouchSync(remoteUrl: string): Promise<PouchSyncOutcome> {
  const db = new PouchDB(LOCAL);
  let pushMs = Number.NaN;
  const t0 = performance.now();
  const sync = db.sync(remoteUrl);
  // The push half's own promise-like is not exposed; its 'complete' event is.
  sync.push.on('complete', () => (pushMs = performance.now() - t0));
  const result = await sync;
  const ms = performance.now() - t0;
  await db.close();
  return {
    ms,
    pushMs,
    docsWritten: result.push.docs_written,
    docsRead: result.pull.docs_read,
    errors: result.push.errors.length + result.pull.errors.length,
  };
}

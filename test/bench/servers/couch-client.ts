/** The two calls the bench makes to a CouchDB-protocol server itself (the browser does the syncing). */

/** Creates an empty database at `dbUrl`. */
export async function createCouchDb(dbUrl: string): Promise<void> {
  const res = await fetch(dbUrl, { method: 'PUT' });
  if (!res.ok) throw new Error(`the PouchDB server refused to create ${dbUrl}: HTTP ${res.status}`);
}

/** Documents the server holds in the database at `dbUrl`, asked over its own HTTP API. */
export async function couchDocCount(dbUrl: string): Promise<number> {
  const res = await fetch(dbUrl);
  const body = (await res.json()) as { doc_count?: number };
  return body.doc_count ?? 0;
}

const STORE = 'records';

/** A fresh raw IndexedDB database with one store: the floor that any strict write on this machine pays. */
export async function openFreshRawDb(name: string): Promise<IDBDatabase> {
  await new Promise<void>((resolve, reject) => {
    const del = indexedDB.deleteDatabase(name);
    del.onsuccess = () => resolve();
    del.onerror = () => reject(del.error);
  });
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

/** One `put` in its own strict-durability transaction; resolves with ms until the transaction completed. */
export function strictPut(db: IDBDatabase, key: number, record: unknown): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite', { durability: 'strict' });
    tx.objectStore(STORE).put(record, key);
    tx.oncomplete = () => resolve(performance.now() - t0);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** `n` strict puts of `record` into a fresh database, one after another; ms of each. */
export async function rawIdbPuts(record: unknown, n: number): Promise<number[]> {
  const db = await openFreshRawDb('bench-raw-only');
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await strictPut(db, i, record));
  db.close();
  return times;
}

/**
 * Instruments a page of the real app from outside, before its code runs (Playwright's addInitScript), without
 * touching the app: main-thread long tasks and slow input events (PerformanceObserver), the timing of its API
 * fetches, the commit of each field (focusout), and each local write of a draft with its outbox operation
 * (an IndexedDB readwrite transaction over both stores), with the records it put.
 */

export interface TimedSpan {
  readonly start: number;
  readonly duration: number;
}
export interface InputEventSpan extends TimedSpan {
  readonly name: string;
}
export interface FetchSpan {
  readonly path: string;
  readonly start: number;
  end: number | null;
}
export interface LocalWrite {
  readonly created: number;
  completed: number | null;
  readonly durability: string;
}

export interface AppProbe {
  readonly longTasks: TimedSpan[];
  readonly inputEvents: InputEventSpan[];
  readonly fetches: FetchSpan[];
  readonly writes: LocalWrite[];
  readonly blurs: number[];
  /** The records the latest local write put into `drafts` and `outbox`, as the app gave them to IndexedDB. */
  lastRecords: { draft: unknown; op: unknown } | null;
}

declare global {
  interface Window {
    __benchProbe: AppProbe;
  }
}

/** The init script itself: self-contained, as Playwright serializes it into the page. */
export function installAppProbe(): void {
  const probe: AppProbe = {
    longTasks: [],
    inputEvents: [],
    fetches: [],
    writes: [],
    blurs: [],
    lastRecords: null,
  };
  window.__benchProbe = probe;

  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      probe.inputEvents.push({ name: e.name, start: e.startTime, duration: e.duration });
    }
  }).observe({ type: 'event', buffered: true, durationThreshold: 16 } as PerformanceObserverInit);

  const realFetch = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const span: FetchSpan = {
      path: new URL(url, location.href).pathname,
      start: performance.now(),
      end: null,
    };
    probe.fetches.push(span);
    const done = () => (span.end = performance.now());
    const pending = realFetch(input, init);
    pending.then(done, done);
    return pending;
  };

  document.addEventListener(
    'focusout',
    (e) => {
      if (e.target instanceof HTMLElement && e.target.hasAttribute('data-field'))
        probe.blurs.push(performance.now());
    },
    true,
  );

  const watched = new WeakMap<IDBTransaction, { draft: unknown; op: unknown }>();
  const realTransaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (
    this: IDBDatabase,
    names: string | string[],
    mode?: IDBTransactionMode,
    options?: IDBTransactionOptions,
  ): IDBTransaction {
    const tx = realTransaction.call(this, names, mode, options);
    const stores = typeof names === 'string' ? [names] : [...names];
    if (
      this.name === 'dvc-kiosk' &&
      mode === 'readwrite' &&
      stores.includes('drafts') &&
      stores.includes('outbox')
    ) {
      const write: LocalWrite = { created: performance.now(), completed: null, durability: tx.durability };
      const records = { draft: undefined as unknown, op: undefined as unknown };
      watched.set(tx, records);
      probe.writes.push(write);
      tx.addEventListener('complete', () => {
        write.completed = performance.now();
        if (records.draft !== undefined && records.op !== undefined) probe.lastRecords = records;
      });
    }
    return tx;
  };
  const realPut = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (
    this: IDBObjectStore,
    value: unknown,
    key?: IDBValidKey,
  ): IDBRequest<IDBValidKey> {
    const records = watched.get(this.transaction);
    if (records && this.name === 'drafts') records.draft = value;
    if (records && this.name === 'outbox') records.op = value;
    return realPut.call(this, value, key);
  };
}

/** What one committed edit cost on this PC, read from the probe. */
export interface CommitTiming {
  /** From the field's focusout to the completion of the first local write begun after it. */
  readonly blurToDurableMs: number;
  /**
   * A local write began between the previous commit and this focusout (the autosave pause ran out while the
   * person typed): the commit then had nothing new to save, so this is not a clean sample.
   */
  readonly savedEarly: boolean;
  /** A raw strict put of the records that write put, into a database of its own, right after. */
  readonly rawPutMs: number;
}

/**
 * Waits for the local write that the last focusout started, then makes one raw strict put of the records it
 * put (draft and op, as the app sealed them) and reports both (page.evaluate; self-contained).
 */
export async function commitTiming(): Promise<CommitTiming> {
  const probe = window.__benchProbe;
  const state = window as unknown as {
    __benchRaw?: { db: IDBDatabase; key: number };
    __benchLastWrite?: number;
  };
  const blur = probe.blurs[probe.blurs.length - 1];
  if (blur === undefined) throw new Error('no field was committed');
  const previous = state.__benchLastWrite ?? -1;
  const savedEarly = probe.writes.some((w, i) => i > previous && w.created < blur);
  const started = performance.now();
  let index = -1;
  while ((index = probe.writes.findIndex((w) => w.created >= blur && w.completed !== null)) < 0) {
    if (performance.now() - started > 10_000)
      throw new Error('no local write completed within 10 s of the commit');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  state.__benchLastWrite = index;
  const write = probe.writes[index] as LocalWrite;
  const records = probe.lastRecords;
  if (!records) throw new Error('the app has made no local write yet');
  state.__benchRaw ??= {
    db: await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('bench-raw-beside-app', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('records');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    }),
    key: 0,
  };
  const raw = state.__benchRaw;
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const tx = raw.db.transaction('records', 'readwrite', { durability: 'strict' });
    tx.objectStore('records').put(records, raw.key++);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  return {
    blurToDurableMs: (write.completed as number) - blur,
    savedEarly,
    rawPutMs: performance.now() - t0,
  };
}

/** Bytes of the sealed draft the app's last local write put (page.evaluate; self-contained). */
export function lastDraftBytes(): number {
  const draft = window.__benchProbe.lastRecords?.draft as { ciphertext?: ArrayBuffer } | undefined;
  return draft?.ciphertext?.byteLength ?? 0;
}

/** Bytes of a draft's ciphertext as the app's database holds it now, 0 if absent (page.evaluate; self-contained). */
export async function storedDraftBytes(draftId: string): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('dvc-kiosk');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    const record = await new Promise<{ ciphertext?: ArrayBuffer } | undefined>((resolve, reject) => {
      const req = db.transaction('drafts', 'readonly').objectStore('drafts').get(draftId);
      req.onsuccess = () => resolve(req.result as { ciphertext?: ArrayBuffer } | undefined);
      req.onerror = () => reject(req.error);
    });
    return record?.ciphertext?.byteLength ?? 0;
  } finally {
    db.close();
  }
}

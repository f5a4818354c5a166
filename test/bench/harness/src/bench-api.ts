/** What the bench pages expose on `window.bench`, for the runner's page.evaluate calls. */
export interface BaselineApi {
  /** `n` strict puts of `record` into a fresh raw IndexedDB database; ms of each. */
  rawIdbPuts(record: unknown, n: number): Promise<number[]>;
  pouchPrepare(count: number, bytes: number): Promise<{ docCount: number; adapter: string }>;
  pouchReplicate(remoteUrl: string): Promise<{ ms: number; docsWritten: number; errors: number }>;
}

export interface KeystrokeSample {
  /** ms of each DraftRepository.setField (encrypt + strict transaction of draft, outbox op and clock). */
  kiosk: number[];
  /** ms of each raw strict put of the same draft + op records, interleaved with the kiosk edits. */
  raw: number[];
  /** Size of the draft's and the op's ciphertext the baseline writes, in bytes. */
  recordBytes: number;
}

export interface SyncOutcome {
  /** From the page's `online` event until the engine reported an empty outbox. */
  ms: number;
  /** Error codes of failed cycles on the way (the engine retries them). */
  errors: string[];
}

export interface KioskApi extends BaselineApi {
  /**
   * The repository alone (no sync engine, no server): a draft with `prefilled` short fields, then `n` timed
   * edits of `fullName`, each beside a raw strict put of the same sealed records.
   */
  keystrokes(n: number, warmup: number, prefilled: number): Promise<KeystrokeSample>;
  /** Starts the app's own services (storage, repositories, sync engine, live channel) and enrolls with this origin. */
  enrollApp(code: string): Promise<{ deviceId: string }>;
  /** `drafts` × `fieldsPerDraft` edits of `bytes` characters each; returns outbox size and ms spent. */
  offlineEdits(
    drafts: number,
    fieldsPerDraft: number,
    bytes: number,
  ): Promise<{ outbox: number; ms: number }>;
  /** Arms the stopwatch: it starts at the page's `online` event and stops when the outbox is empty. */
  armSync(): Promise<void>;
  /** Resolves when the outbox drained after the page's `online` event. */
  syncOutcome(): Promise<SyncOutcome>;
}

declare global {
  interface Window {
    bench: BaselineApi | KioskApi;
  }
}

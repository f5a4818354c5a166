import type { EditShape } from './edits';

/** What the bench pages expose on `window.bench`, for the runner's page.evaluate calls. */
export interface BaselineApi {
  /** `n` strict puts of `record` into a fresh raw IndexedDB database; ms of each. */
  rawIdbPuts(record: unknown, n: number): Promise<number[]>;
  /** Writes the generated edits as documents into PouchDB's IndexedDB store (not timed). */
  pouchPrepare(shape: EditShape): Promise<{ docCount: number; adapter: string }>;
  /** One-shot PouchDB sync (push and pull) with the CouchDB-protocol server; timed until both are done. */
  pouchSync(remoteUrl: string): Promise<PouchSyncOutcome>;
}

export interface PouchSyncOutcome {
  /** From the call until push and pull have both completed. */
  ms: number;
  /** From the call until the push half completed. */
  pushMs: number;
  docsWritten: number;
  /** Documents the pull half read from the server (it fetches none it already has). */
  docsRead: number;
  errors: number;
}

export interface SetFieldSample {
  /** Per round, ms of each DraftRepository.setField (encrypt + strict transaction of draft, outbox op, clock). */
  kiosk: number[][];
  /** Per round, ms of each raw strict put of the same draft + op records, interleaved with the kiosk edits. */
  raw: number[][];
  /** Size of the draft's and the op's ciphertext the baseline writes, in bytes. */
  recordBytes: number;
}

export interface SyncOutcome {
  /** From the page's `online` event until the engine was last seen going idle with an empty outbox. */
  ms: number;
  /** Sync cycles the engine ran in that time. */
  cycles: number;
  /** Error codes of failed cycles on the way (the engine retries them). */
  errors: string[];
}

export interface KioskApi extends BaselineApi {
  /**
   * The repository alone (no sync engine, no server): a draft with `prefilled` short fields, `warmup` edits and
   * raw puts not timed, then `rounds` × `perRound` timed edits of `fullName`, each beside a raw strict put of the
   * same sealed records.
   */
  setFieldRounds(
    rounds: number,
    perRound: number,
    warmup: number,
    prefilled: number,
  ): Promise<SetFieldSample>;
  /** Starts the app's own services (storage, repositories, sync engine, live channel) and enrolls with this origin. */
  enrollApp(code: string): Promise<{ deviceId: string }>;
  /** Starts the app's own services from the enrollment this profile already holds. */
  openServices(): Promise<{ deviceId: string; outbox: number }>;
  /** The generated edits, made through DraftRepository; returns outbox size and ms spent. */
  offlineEdits(shape: EditShape): Promise<{ outbox: number; ms: number }>;
  /** Arms the stopwatch: it starts at the page's `online` event and stops when sync has gone quiet. */
  armSync(quietMs: number): Promise<void>;
  /** Resolves once sync went idle with an empty outbox and stayed so for the quiet time. */
  syncOutcome(): Promise<SyncOutcome>;
}

declare global {
  interface Window {
    bench: BaselineApi | KioskApi;
  }
}

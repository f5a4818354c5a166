import type { StorageLog } from '../storage/storage-log';
import type { PlacedFolder } from '../storage/temp-root';

/** A built page folder, or why it could not be built. */
export type Built = { dir: string } | { error: string };

/** The bench pages the runner built for this run; a page that failed to build carries the reason instead. */
export interface BuiltPages {
  baselineDir: string;
  /** The bench page that drives the kiosk's own modules (no UI). */
  kiosk: Built;
  /** The real app, as `renderer/vite.config.ts` builds it. */
  app: Built;
  /** The app with the kiosk bench page beside it under /bench/, so both share one origin and one IndexedDB. */
  site: Built;
  /** A blank React page (one input) built as the app is, for the start-up rows. */
  blank: Built;
}

/** What every group of metrics gets from the runner. */
export interface BenchContext {
  /** The on-disk parent of every temp folder (profiles, databases) of the run. */
  readonly tmp: PlacedFolder;
  readonly pages: BuiltPages;
  readonly storage: StorageLog;
  /** Whether `metric` was asked for (`--only`); a group skips the parts nobody asked for. */
  wanted(metric: string): boolean;
}

/** The folder of a built page, or throws why it is missing. */
export function builtDir(built: Built, what: string): string {
  if ('error' in built) throw new Error(`${what} could not be built: ${built.error}`);
  return built.dir;
}

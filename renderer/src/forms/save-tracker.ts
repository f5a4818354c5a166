import { StorageFullError } from '../db/storage-errors';
import { Store } from '../state/store';

export type SaveErrorCode = 'STORAGE_FULL' | 'UNKNOWN';

export interface SaveProgress {
  /** Fields with typed text not yet committed (their debounce is running). */
  readonly typing: number;
  /** Writes started and not yet durable. */
  readonly writing: number;
  /** Why the last write failed; cleared by the next write that succeeds. */
  readonly error: SaveErrorCode | null;
}

/** Counts what is not yet on disk, so the editor says "saving…" until every keystroke is durable. */
export class SaveTracker {
  readonly progress = new Store<SaveProgress>({ typing: 0, writing: 0, error: null });
  private readonly typingPaths = new Set<string>();

  setTyping(path: string, typing: boolean): void {
    if (typing) this.typingPaths.add(path);
    else this.typingPaths.delete(path);
    this.progress.set({ typing: this.typingPaths.size });
  }

  async track(write: Promise<unknown>): Promise<boolean> {
    this.progress.set({ writing: this.progress.get().writing + 1 });
    try {
      await write;
      this.progress.set({ error: null });
      return true;
    } catch (e) {
      this.progress.set({ error: e instanceof StorageFullError ? 'STORAGE_FULL' : 'UNKNOWN' });
      return false;
    } finally {
      this.progress.set({ writing: this.progress.get().writing - 1 });
    }
  }
}

export type SaveState = 'saving' | 'saved' | 'pending' | 'synced' | 'error';

/**
 * The status a person sees on a draft: 'saving' until durable; then 'saved' (on this device only, offline),
 * 'pending' (online, waiting for the server to acknowledge) or 'synced'.
 */
export function saveState(
  progress: SaveProgress | null,
  syncState: 'pending' | 'synced',
  online: boolean,
): SaveState {
  if (progress?.error) return 'error';
  if (progress && progress.typing + progress.writing > 0) return 'saving';
  if (syncState === 'synced') return 'synced';
  return online ? 'pending' : 'saved';
}

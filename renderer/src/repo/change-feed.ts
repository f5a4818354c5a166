/**
 * Where a change came from: this device's edit (or status request), operations pulled from the server, the
 * server's ack, or an attachment's upload state.
 */
export type ChangeSource = 'local' | 'remote' | 'ack' | 'attachment';
export type DraftChangeListener = (draftIds: readonly string[], source: ChangeSource) => void;

/** Tells screens which drafts changed so they re-read them, and the sync engine that there is work to push. */
export class ChangeFeed {
  private readonly listeners = new Set<DraftChangeListener>();

  subscribe(listener: DraftChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(draftIds: readonly string[], source: ChangeSource): void {
    if (draftIds.length === 0) return;
    for (const listener of this.listeners) listener(draftIds, source);
  }
}

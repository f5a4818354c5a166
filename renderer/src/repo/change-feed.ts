export type DraftChangeListener = (draftIds: readonly string[]) => void;

/** Tells screens which drafts changed (local edit, pulled operations, server ack) so they re-read them. */
export class ChangeFeed {
  private readonly listeners = new Set<DraftChangeListener>();

  subscribe(listener: DraftChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(draftIds: readonly string[]): void {
    if (draftIds.length === 0) return;
    for (const listener of this.listeners) listener(draftIds);
  }
}

import { z } from 'zod';

/**
 * Where a change came from: this device's edit (or status request), operations pulled from the server, the
 * server's ack, or an attachment's upload state.
 */
export type ChangeSource = 'local' | 'remote' | 'ack' | 'attachment';
export type DraftChangeListener = (draftIds: readonly string[], source: ChangeSource) => void;

/** What one tab tells the others of the same enrolled browser. */
const TabChange = z.object({
  draftIds: z.array(z.string()).min(1),
  source: z.enum(['local', 'remote', 'ack', 'attachment']),
});

/** Tells screens which drafts changed so they re-read them, and the sync engine that there is work to push. */
export class ChangeFeed {
  private readonly listeners = new Set<DraftChangeListener>();
  private channel: BroadcastChannel | null = null;

  subscribe(listener: DraftChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(draftIds: readonly string[], source: ChangeSource): void {
    if (draftIds.length === 0) return;
    this.notify(draftIds, source);
    this.channel?.postMessage({ draftIds: [...draftIds], source });
  }

  /**
   * Shares changes with the other tabs and windows of this browser that run the same device (they share its
   * database), so a draft saved in one tab is re-read in the other and its outbox is pushed. Returns the unlink.
   */
  linkTabs(channelName: string): () => void {
    this.channel?.close();
    if (typeof BroadcastChannel === 'undefined') return () => undefined;
    const channel = new BroadcastChannel(channelName);
    channel.onmessage = (event: MessageEvent<unknown>) => {
      const change = TabChange.safeParse(event.data);
      if (change.success) this.notify(change.data.draftIds, change.data.source);
    };
    this.channel = channel;
    return () => {
      channel.close();
      if (this.channel === channel) this.channel = null;
    };
  }

  private notify(draftIds: readonly string[], source: ChangeSource): void {
    for (const listener of this.listeners) listener(draftIds, source);
  }
}

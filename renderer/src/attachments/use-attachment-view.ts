import { useEffect, useState } from 'react';
import { useServices, useStore } from '../app/services-context';
import type { AttachmentState } from '../db/kiosk-db';
import type { AttachmentInfo } from '../repo/attachment-repository';

/** What the attachment field shows about its photo (data-state of `attachment-<path>`). */
export type AttachmentUiState = 'pending' | 'uploading' | 'uploaded' | 'too-large' | 'error';

export interface AttachmentView {
  readonly state: AttachmentUiState;
  /** An object URL of the decrypted photo, while shown. */
  readonly url: string | null;
  /** Fraction sent while uploading. */
  readonly progress: number | null;
  /** The photo is on the server but not (yet) on this device. */
  readonly notHere: boolean;
}

const UI_STATE: Record<AttachmentState, AttachmentUiState> = {
  local: 'pending',
  uploaded: 'uploaded',
  'too-large': 'too-large',
  failed: 'error',
};

type Loaded =
  | { readonly kind: 'loading' }
  | { readonly kind: 'here'; readonly info: AttachmentInfo; readonly url: string }
  | { readonly kind: 'absent'; readonly fetchFailed: boolean };

/**
 * A photo referenced by a field: decrypted from this device, or fetched from the server (GET /blobs/:sha,
 * the other PC's photo) and kept encrypted here; its upload state follows the sync engine.
 */
export function useAttachmentView(sha256: string, draftId: string): AttachmentView {
  const services = useServices();
  const { repos } = useStore(services.session);
  const { online } = useStore(services.network);
  const { active } = useStore(services.uploads.state);
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [version, setVersion] = useState(0);

  // Re-read when this draft's attachments change (captured, uploaded, refused).
  useEffect(
    () =>
      repos?.changes.subscribe((ids, source) => {
        if (source === 'attachment' && ids.includes(draftId)) setVersion((v) => v + 1);
      }),
    [repos, draftId],
  );

  useEffect(() => {
    if (!repos) return;
    let live = true;
    let url: string | null = null;
    const show = async () => {
      const info = await repos.attachments.info(sha256);
      const blob = info ? await repos.attachments.open(sha256) : null;
      if (!info || !blob) return false;
      url = URL.createObjectURL(blob);
      if (live) setLoaded({ kind: 'here', info, url });
      return true;
    };
    const fetchRemote = async () => {
      const api = services.apiClient();
      if (!api || !online) return false;
      const remote = await api.getBlob(sha256);
      if (!remote) return false;
      await repos.attachments.cacheRemote(draftId, sha256, remote.bytes, remote.contentType);
      return show();
    };
    void (async () => {
      try {
        if (await show()) return;
        const fetched = await fetchRemote();
        if (!fetched && live) setLoaded({ kind: 'absent', fetchFailed: online });
      } catch {
        if (live) setLoaded({ kind: 'absent', fetchFailed: true });
      }
    })();
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [repos, services, sha256, draftId, online, version]);

  if (loaded.kind === 'here') {
    const progress = active[sha256];
    const state = progress !== undefined ? 'uploading' : UI_STATE[loaded.info.state];
    return { state, url: loaded.url, progress: progress ?? null, notHere: false };
  }
  const failed = loaded.kind === 'absent' && loaded.fetchFailed;
  return {
    state: failed ? 'error' : 'pending',
    url: null,
    progress: null,
    notHere: loaded.kind === 'absent',
  };
}

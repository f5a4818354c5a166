import { useTranslation } from 'react-i18next';
import type { DraftSyncView } from '../sync/draft-sync-view';

const KEYS: Record<DraftSyncView, string> = {
  waiting: 'syncState.waiting',
  syncing: 'syncState.syncing',
  synced: 'syncState.synced',
  conflict: 'syncState.conflict',
  'attachment-pending': 'syncState.attachmentPending',
  error: 'syncState.error',
};

const ICONS: Record<DraftSyncView, string> = {
  waiting: '⇡',
  syncing: '⟳',
  synced: '✓✓',
  conflict: '⚠',
  'attachment-pending': '📎',
  error: '!',
};

/** One draft's way to the server, in words (list row and editor). */
export function SyncStateBadge({ state }: { state: DraftSyncView }) {
  const { t } = useTranslation();
  return (
    <span className={`sync-state sync-state--${state}`} data-testid="sync-state" data-state={state}>
      <span className="sync-state__icon" aria-hidden="true">
        {ICONS[state]}
      </span>
      {t(KEYS[state])}
    </span>
  );
}

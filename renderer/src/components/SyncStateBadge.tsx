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

/**
 * One draft's way to the server, in words (list row and editor). `quietWhen` lists states another badge
 * already says in words (the editor's save status says "waiting" and "synced"): then it is only read out.
 */
export function SyncStateBadge({
  state,
  quietWhen = [],
}: {
  state: DraftSyncView;
  quietWhen?: readonly DraftSyncView[];
}) {
  const { t } = useTranslation();
  const quiet = quietWhen.includes(state) ? ' visually-hidden' : '';
  return (
    <span className={`sync-state sync-state--${state}${quiet}`} data-testid="sync-state" data-state={state}>
      <span className="sync-state__icon" aria-hidden="true">
        {ICONS[state]}
      </span>
      {t(KEYS[state])}
    </span>
  );
}

import { useTranslation } from 'react-i18next';
import { useServices, useStore } from '../app/services-context';
import { syncErrorKey } from './error-messages';

/** How many edits wait for the server, the last sync problem in plain words, and a "sync now" button. */
export function SyncSummary() {
  const { t } = useTranslation();
  const services = useServices();
  const { enrollment } = useStore(services.session);
  const status = useStore(services.sync.status);
  const { online } = useStore(services.network);
  if (!enrollment) return null;
  return (
    <div
      className="sync-summary"
      data-testid="sync-summary"
      data-phase={status.phase}
      data-pending={status.pending}
    >
      <p className="sync-summary__text" role="status">
        {status.phase === 'syncing'
          ? t('sync.syncing')
          : status.pending > 0
            ? t('sync.pending', { count: status.pending })
            : t('sync.upToDate')}
      </p>
      {status.error ? (
        <p className="sync-summary__error" role="alert" data-testid="sync-error" data-code={status.error}>
          {t(syncErrorKey(status.error))}
        </p>
      ) : null}
      <button
        type="button"
        className="button button--small"
        data-testid="sync-now"
        disabled={!online || status.phase === 'syncing'}
        onClick={() => services.sync.request('manual')}
      >
        {t('sync.now')}
      </button>
    </div>
  );
}

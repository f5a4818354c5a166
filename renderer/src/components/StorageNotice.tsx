import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices, useStore } from '../app/services-context';

/**
 * While the browser may evict the kiosk's data, says what that means for the volunteer (unsynced dossiers
 * are at risk, synced ones are safe) and offers to ask the browser again; gone once storage is persistent.
 */
export function StorageNotice() {
  const { t } = useTranslation();
  const services = useServices();
  const { persistent } = useStore(services.session);
  const [refused, setRefused] = useState(false);
  if (persistent) return null;
  const ask = async () => setRefused(!(await services.askPersistentStorage()));
  return (
    <div className="banner banner--warning storage-notice" data-testid="storage-notice">
      <p>{t('storage.notPersistent')}</p>
      <button type="button" className="button button--small" onClick={() => void ask()}>
        {t('storage.askAgain')}
      </button>
      {refused ? (
        <p role="status" data-testid="storage-refused">
          {t('storage.stillNotPersistent')}
        </p>
      ) : null}
    </div>
  );
}

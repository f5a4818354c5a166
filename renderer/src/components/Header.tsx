import { useTranslation } from 'react-i18next';
import { useServices, useStore } from '../app/services-context';
import { LanguageSelect } from './LanguageSelect';
import { NetworkStatus } from './NetworkStatus';
import { SyncSummary } from './SyncSummary';

export function Header() {
  const { t } = useTranslation();
  const { enrollment } = useStore(useServices().session);
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <p className="app-header__title">{t('app.title')}</p>
        {enrollment ? <p className="app-header__point">{enrollment.point.name}</p> : null}
      </div>
      <div className="app-header__status">
        <NetworkStatus />
        <SyncSummary />
      </div>
      <LanguageSelect />
    </header>
  );
}

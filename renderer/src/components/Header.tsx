import { useTranslation } from 'react-i18next';
import { useServices, useStore } from '../app/services-context';
import { LanguageSelect } from './LanguageSelect';
import { NetworkStatus } from './NetworkStatus';
import { SyncSummary } from './SyncSummary';

/**
 * Only the title and the language switcher stay on screen while scrolling: at 200% zoom or a large default
 * font a sticky bar with everything covered half the screen. The point, network and sync state sit in a
 * strip below it that scrolls away with the page.
 */
export function Header() {
  const { t } = useTranslation();
  const { enrollment } = useStore(useServices().session);
  return (
    <>
      <header className="app-header" data-testid="app-header">
        <p className="app-header__title">{t('app.title')}</p>
        <LanguageSelect />
      </header>
      <section className="status-strip" aria-label={t('statusStrip.label')}>
        {enrollment ? (
          <p className="status-strip__point" lang="vi">
            {enrollment.point.name}
          </p>
        ) : null}
        <NetworkStatus />
        <SyncSummary />
      </section>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../components/LanguageSelect';

/** Shown when the kiosk cannot open its storage or key: in plain words, with what to do. */
export function BootFailure({ reason }: { reason: 'storageFull' | 'storage' | 'key' }) {
  const { t } = useTranslation();
  return (
    <div className="app">
      <header className="app-header" data-testid="app-header">
        <p className="app-header__title">{t('app.title')}</p>
        <LanguageSelect />
      </header>
      <main className="main">
        <section className="screen screen--narrow">
          <h1>{t('boot.title')}</h1>
          <p className="banner banner--error" role="alert" data-testid="boot-error">
            {t(`boot.${reason}`)}
          </p>
          <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
            {t('boot.retry')}
          </button>
        </section>
      </main>
    </div>
  );
}

import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Header } from '../components/Header';
import { navigate, parseRoute, useHash } from './hash-route';
import type { KioskServices } from './kiosk-services';
import { DraftEditorScreen, DraftListScreen, EnrollScreen } from './lazy-screens';
import { ServicesContext, useServices, useStore } from './services-context';

export function App({ services }: { services: KioskServices }) {
  return (
    <ServicesContext.Provider value={services}>
      <div className="app">
        <Header />
        <main className="main" id="main">
          <Suspense fallback={<Loading />}>
            <Screen />
          </Suspense>
        </main>
      </div>
    </ServicesContext.Provider>
  );
}

/** The screen for the hash route; a device that is not enrolled always sees the enrollment screen. */
function Screen() {
  const route = parseRoute(useHash());
  const { repos } = useStore(useServices().session);

  useEffect(() => {
    if (!repos && route.name !== 'enroll') navigate({ name: 'enroll' }, { replace: true });
    if (repos && route.name === 'enroll') navigate({ name: 'drafts' }, { replace: true });
  }, [repos, route.name]);

  if (!repos) return <EnrollScreen.Component />;
  if (route.name === 'draft') return <EditorRoute key={route.draftId} draftId={route.draftId} />;
  return <DraftListScreen.Component repos={repos} />;
}

/** The editor with the validation messages' namespace loaded (it suspends until they are). */
function EditorRoute({ draftId }: { draftId: string }) {
  useTranslation('validation');
  const { repos } = useStore(useServices().session);
  return repos ? <DraftEditorScreen.Component repos={repos} draftId={draftId} /> : null;
}

function Loading() {
  const { t } = useTranslation();
  return (
    <p className="screen" role="status">
      {t('app.loading')}
    </p>
  );
}

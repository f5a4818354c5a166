import { useEffect } from 'react';
import { Header } from '../components/Header';
import { DraftEditorScreen } from '../screens/DraftEditorScreen';
import { DraftListScreen } from '../screens/DraftListScreen';
import { EnrollScreen } from '../screens/EnrollScreen';
import { navigate, parseRoute, useHash } from './hash-route';
import type { KioskServices } from './kiosk-services';
import { ServicesContext, useServices, useStore } from './services-context';

export function App({ services }: { services: KioskServices }) {
  return (
    <ServicesContext.Provider value={services}>
      <div className="app">
        <Header />
        <main className="main" id="main">
          <Screen />
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

  if (!repos) return <EnrollScreen />;
  if (route.name === 'draft')
    return <DraftEditorScreen key={route.draftId} repos={repos} draftId={route.draftId} />;
  return <DraftListScreen repos={repos} />;
}

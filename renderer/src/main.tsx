import './zod-config';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/App';
import { BootFailure } from './app/BootFailure';
import { parseRoute } from './app/hash-route';
import { DeviceKeyError, KioskServices } from './app/kiosk-services';
import { preloadScreen } from './app/lazy-screens';
import { isQuotaError } from './db/storage-errors';
import { setupI18n } from './i18n/setup-i18n';
import './styles/fonts.css';
import './styles/app.css';

async function boot(): Promise<void> {
  // The texts and the storage open side by side; the first screen's chunk is fetched as soon as it is known.
  const opening = KioskServices.open().then(
    async (services) => {
      // A chunk that fails to load here is asked for again (and its failure shown) when the screen renders.
      await preloadScreen(parseRoute(location.hash), services.session.get().repos !== null).catch(
        () => undefined,
      );
      return services;
    },
    (e: unknown) => e,
  );
  const i18n = await setupI18n();
  const root = createRoot(document.getElementById('root')!);
  const render = (node: ReactNode) =>
    root.render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>{node}</I18nextProvider>
      </StrictMode>,
    );
  const services = await opening;
  if (services instanceof KioskServices) {
    render(<App services={services} />);
    return whenIdle(() => void services.updates.register(services.bridge.host));
  }
  console.error('kiosk failed to start', services);
  const reason = isQuotaError(services)
    ? 'storageFull'
    : services instanceof DeviceKeyError
      ? 'key'
      : 'storage';
  render(<BootFailure reason={reason} />);
}

/** Runs `fn` once the page has loaded and the browser is idle: after the first screen is up and usable. */
function whenIdle(fn: () => void): void {
  const idle = () => requestIdleCallback(fn, { timeout: 5_000 });
  if (document.readyState === 'complete') idle();
  else window.addEventListener('load', idle, { once: true });
}

void boot();

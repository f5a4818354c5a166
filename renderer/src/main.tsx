import './zod-config';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/App';
import { BootFailure } from './app/BootFailure';
import { DeviceKeyError, KioskServices } from './app/kiosk-services';
import { isQuotaError } from './db/storage-errors';
import { setupI18n } from './i18n/setup-i18n';
import './styles/fonts.css';
import './styles/app.css';

async function boot(): Promise<void> {
  const i18n = await setupI18n();
  const root = createRoot(document.getElementById('root')!);
  const render = (node: ReactNode) =>
    root.render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>{node}</I18nextProvider>
      </StrictMode>,
    );
  try {
    const services = await KioskServices.open();
    render(<App services={services} />);
  } catch (e) {
    console.error('kiosk failed to start', e);
    const reason = isQuotaError(e) ? 'storageFull' : e instanceof DeviceKeyError ? 'key' : 'storage';
    render(<BootFailure reason={reason} />);
  }
}

void boot();

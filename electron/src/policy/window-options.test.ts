import { describe, expect, it } from 'vitest';
import { APP_SCHEME_REGISTRATION } from './app-scheme';
import { buildWebPreferences, buildWindowOptions } from './window-options';

describe('kiosk window options', () => {
  const options = buildWindowOptions({
    preloadPath: '/app/dist/electron/preload.cjs',
    kiosk: true,
    devTools: false,
  });

  it('isolates and sandboxes the renderer, with no Node anywhere', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('turns off drag-and-drop navigation, page dialogs and DevTools', () => {
    expect(options.webPreferences.navigateOnDragDrop).toBe(false);
    expect(options.webPreferences.disableDialogs).toBe(true);
    expect(options.webPreferences.devTools).toBe(false);
  });

  it('follows the config for kiosk mode and development DevTools', () => {
    expect(options.kiosk).toBe(true);
    const maintenance = buildWindowOptions({ preloadPath: 'p', kiosk: false, devTools: true });
    expect(maintenance.kiosk).toBe(false);
    expect(maintenance.webPreferences.devTools).toBe(true);
    expect(maintenance.webPreferences.sandbox).toBe(true);
  });

  it('keeps no Blink feature switches or extra preload-visible options', () => {
    expect(Object.keys(buildWebPreferences({ preloadPath: 'p', devTools: false })).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'devTools',
        'disableDialogs',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });
});

describe('app: scheme registration', () => {
  it('is standard and secure with fetch, and does not bypass CSP or allow service workers', () => {
    expect(APP_SCHEME_REGISTRATION).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });
});

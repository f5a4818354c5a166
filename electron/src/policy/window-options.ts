/**
 * The kiosk window's options, built here (not inline in the adapter) so the security-relevant values
 * are unit-tested. Typed structurally: the adapter hands the result to BrowserWindow, whose typings
 * check it.
 */
export interface KioskWebPreferences {
  readonly preload: string;
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly experimentalFeatures: false;
  readonly webviewTag: false;
  readonly navigateOnDragDrop: false;
  readonly disableDialogs: true;
  readonly spellcheck: false;
  readonly devTools: boolean;
}

export interface KioskWindowOptions {
  readonly title: string;
  readonly kiosk: boolean;
  readonly fullscreen: boolean;
  readonly autoHideMenuBar: true;
  readonly show: false;
  readonly backgroundColor: string;
  readonly webPreferences: KioskWebPreferences;
}

export interface WindowSettings {
  readonly preloadPath: string;
  readonly kiosk: boolean;
  readonly devTools: boolean;
}

export function buildWebPreferences(
  settings: Pick<WindowSettings, 'preloadPath' | 'devTools'>,
): KioskWebPreferences {
  return {
    preload: settings.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    disableDialogs: true,
    // The spell checker downloads dictionaries from the internet and flags Vietnamese names.
    spellcheck: false,
    devTools: settings.devTools,
  };
}

export function buildWindowOptions(settings: WindowSettings): KioskWindowOptions {
  return {
    title: 'DVC Kiosk',
    kiosk: settings.kiosk,
    fullscreen: settings.kiosk,
    autoHideMenuBar: true,
    // Shown on ready-to-show, so a resident never sees a blank frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: buildWebPreferences(settings),
  };
}

import type { WebContents } from 'electron';
import { isNavigationAllowed } from '../policy/navigation';
import { shouldBlockInput } from '../policy/input-shortcuts';

/** Applied to every webContents the app creates, so no window, frame or popup escapes the policy. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isNavigationAllowed(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isNavigationAllowed(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isNavigationAllowed(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('before-input-event', (event, input) => {
    if (shouldBlockInput(input)) event.preventDefault();
  });
}

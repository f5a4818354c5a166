import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { BRIDGE_CHANNELS, type PrintResult } from '#shared/bridge/kiosk-bridge';
import { isTrustedIpcSender } from '../policy/ipc-sender';
import type { PrintTarget } from '../printing/print-page';

export interface BridgeHandlerDeps {
  readonly isKioskContents: (contents: WebContents | null) => boolean;
  readonly appVersion: string;
  readonly deviceKey: Uint8Array;
  readonly print: (target: PrintTarget) => Promise<PrintResult>;
}

/** The main-process half of KioskBridge; every call is answered only for the kiosk window's app frame. */
export function registerBridgeHandlers(deps: BridgeHandlerDeps): void {
  const assertTrusted = (event: IpcMainInvokeEvent): void => {
    if (!isTrustedIpcSender(event.senderFrame, deps.isKioskContents(event.sender))) {
      throw new Error('kiosk bridge: refused a call from an untrusted frame');
    }
  };
  ipcMain.handle(BRIDGE_CHANNELS.appVersion, (event) => {
    assertTrusted(event);
    return deps.appVersion;
  });
  ipcMain.handle(BRIDGE_CHANNELS.deviceKey, (event) => {
    assertTrusted(event);
    return Uint8Array.from(deps.deviceKey);
  });
  ipcMain.handle(BRIDGE_CHANNELS.print, (event) => {
    assertTrusted(event);
    return deps.print(event.sender);
  });
}

import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_CHANNELS, type KioskBridge } from '#shared/bridge/kiosk-bridge';
import { toAppVersion, toDeviceKey, toPrintResult } from '../bridge/responses';

// No method takes an argument from the page and each returns plain checked data, so the page never
// touches ipcRenderer, an IPC event or a channel name of its choosing.
const bridge: KioskBridge = {
  host: 'electron',
  appVersion: async () => toAppVersion(await ipcRenderer.invoke(BRIDGE_CHANNELS.appVersion)),
  deviceKey: async () => toDeviceKey(await ipcRenderer.invoke(BRIDGE_CHANNELS.deviceKey)),
  print: async () => toPrintResult(await ipcRenderer.invoke(BRIDGE_CHANNELS.print)),
};

contextBridge.exposeInMainWorld('kiosk', bridge);

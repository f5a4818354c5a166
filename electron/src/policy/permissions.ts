import { isAppOrigin, isAppUrl } from './app-origin';

/**
 * Electron grants every permission unless told otherwise. The app needs two: persistent storage (so
 * Chromium does not evict unsynced drafts) and the camera (documents are photographed). Everything
 * else — microphone, screen capture, geolocation, notifications, HID/USB/serial, clipboard reads… — is
 * refused, and so is any request from another origin, a sub-frame or a window that is not the kiosk's.
 */

export interface PermissionRequestInfo {
  readonly permission: string;
  /** The webContents asking is the kiosk window's own. */
  readonly fromKioskWindow: boolean;
  readonly isMainFrame: boolean;
  readonly requestingUrl: string;
  /** Only for `media` / `display-capture`. */
  readonly mediaTypes?: readonly string[];
  readonly securityOrigin?: string;
}

export interface PermissionCheckInfo {
  readonly permission: string;
  /** False when Chromium checks without a webContents (e.g. for a service worker). */
  readonly fromKioskWindow: boolean;
  readonly isMainFrame: boolean;
  readonly requestingOrigin: string;
  /** Set only for cross-origin sub-frames. */
  readonly embeddingOrigin?: string;
  readonly securityOrigin?: string;
  readonly mediaType?: string;
}

function isVideoOnly(mediaTypes: readonly string[] | undefined): boolean {
  return mediaTypes !== undefined && mediaTypes.length > 0 && mediaTypes.every((type) => type === 'video');
}

export function decidePermissionRequest(info: PermissionRequestInfo): boolean {
  if (!info.fromKioskWindow || !info.isMainFrame || !isAppUrl(info.requestingUrl)) return false;
  if (info.securityOrigin !== undefined && !isAppOrigin(info.securityOrigin)) return false;
  switch (info.permission) {
    case 'persistent-storage':
      return true;
    case 'media':
      return isVideoOnly(info.mediaTypes);
    default:
      return false;
  }
}

export function decidePermissionCheck(info: PermissionCheckInfo): boolean {
  if (!info.fromKioskWindow || !info.isMainFrame || !isAppOrigin(info.requestingOrigin)) return false;
  if (info.embeddingOrigin !== undefined && !isAppOrigin(info.embeddingOrigin)) return false;
  if (info.securityOrigin !== undefined && !isAppOrigin(info.securityOrigin)) return false;
  switch (info.permission) {
    case 'persistent-storage':
      return true;
    case 'media':
      return info.mediaType === 'video';
    default:
      return false;
  }
}

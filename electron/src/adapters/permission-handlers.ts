import type { Session, WebContents } from 'electron';
import { decidePermissionCheck, decidePermissionRequest } from '../policy/permissions';

/** Both handlers are needed: Chromium checks first and requests only when the check says no. */
export function installPermissionHandlers(
  ses: Session,
  isKioskContents: (contents: WebContents | null) => boolean,
): void {
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(
      decidePermissionRequest({
        permission,
        fromKioskWindow: isKioskContents(contents),
        isMainFrame: details.isMainFrame,
        requestingUrl: details.requestingUrl,
        mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
        securityOrigin: 'securityOrigin' in details ? details.securityOrigin : undefined,
      }),
    );
  });
  ses.setPermissionCheckHandler((contents, permission, requestingOrigin, details) =>
    decidePermissionCheck({
      permission,
      fromKioskWindow: isKioskContents(contents),
      isMainFrame: details.isMainFrame,
      requestingOrigin,
      embeddingOrigin: details.embeddingOrigin,
      securityOrigin: details.securityOrigin,
      mediaType: details.mediaType,
    }),
  );
  // HID, USB and serial devices: the kiosk uses none.
  ses.setDevicePermissionHandler(() => false);
}

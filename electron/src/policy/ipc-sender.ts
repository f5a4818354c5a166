import { isAppOrigin, isAppUrl } from './app-origin';

/** The parts of Electron's WebFrameMain that say who sent an IPC message. */
export interface SenderFrameLike {
  readonly url: string;
  readonly origin: string;
  /** null for a top-level frame. */
  readonly parent: unknown;
}

/**
 * Every bridge call hands out something sensitive (the data key) or acts on the machine (printing), so
 * it is answered only for the kiosk window's top frame while it shows the app origin. A frame that has
 * navigated away or been destroyed arrives as null and is refused.
 */
export function isTrustedIpcSender(
  frame: SenderFrameLike | null | undefined,
  fromKioskWindow: boolean,
): boolean {
  return (
    fromKioskWindow &&
    frame !== null &&
    frame !== undefined &&
    frame.parent === null &&
    isAppUrl(frame.url) &&
    isAppOrigin(frame.origin)
  );
}

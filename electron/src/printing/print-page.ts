import type { PrintResult } from '#shared/bridge/kiosk-bridge';

export interface SilentPrintOptions {
  readonly silent: true;
  readonly printBackground: true;
  readonly deviceName?: string;
}

/** The two webContents methods printing uses. */
export interface PrintTarget {
  print(options: SilentPrintOptions, callback: (success: boolean, failureReason: string) => void): void;
  getPrintersAsync(): Promise<ReadonlyArray<{ readonly name: string }>>;
}

/**
 * Prints without a dialog on the point's configured printer (or the system default). A second request
 * while one is being spooled is refused rather than queued, so a double tap never prints twice.
 * `reason` is a stable code for the app to translate: 'busy', 'printer-not-found', 'print-failed'.
 */
export function createPagePrinter(
  deviceName: string | undefined,
): (target: PrintTarget) => Promise<PrintResult> {
  let busy = false;
  return async (target) => {
    if (busy) return { ok: false, reason: 'busy' };
    busy = true;
    try {
      if (deviceName !== undefined) {
        const printers = await target.getPrintersAsync();
        if (!printers.some((printer) => printer.name === deviceName))
          return { ok: false, reason: 'printer-not-found' };
      }
      const options: SilentPrintOptions =
        deviceName === undefined
          ? { silent: true, printBackground: true }
          : { silent: true, printBackground: true, deviceName };
      return await new Promise<PrintResult>((resolve) => {
        target.print(options, (success, failureReason) => {
          resolve(success ? { ok: true } : { ok: false, reason: `print-failed: ${failureReason}` });
        });
      });
    } catch (error) {
      return { ok: false, reason: `print-failed: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      busy = false;
    }
  };
}

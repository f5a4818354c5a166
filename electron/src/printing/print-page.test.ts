import { describe, expect, it } from 'vitest';
import { createPagePrinter, type PrintTarget, type SilentPrintOptions } from './print-page';

class FakeWebContents implements PrintTarget {
  readonly jobs: SilentPrintOptions[] = [];
  private pending: ((success: boolean, reason: string) => void) | null = null;

  constructor(
    private readonly printers: string[],
    private readonly outcome: { success: boolean; reason: string } | 'hold' = { success: true, reason: '' },
  ) {}

  print(options: SilentPrintOptions, callback: (success: boolean, failureReason: string) => void): void {
    this.jobs.push(options);
    if (this.outcome === 'hold') this.pending = callback;
    else callback(this.outcome.success, this.outcome.reason);
  }

  getPrintersAsync(): Promise<ReadonlyArray<{ name: string }>> {
    return Promise.resolve(this.printers.map((name) => ({ name })));
  }

  finish(): void {
    this.pending?.(true, '');
  }
}

describe('silent printing', () => {
  it('prints without a dialog on the configured printer', async () => {
    const contents = new FakeWebContents(['Canon LBP', 'HP LaserJet M404']);
    await expect(createPagePrinter('HP LaserJet M404')(contents)).resolves.toEqual({ ok: true });
    expect(contents.jobs).toEqual([{ silent: true, printBackground: true, deviceName: 'HP LaserJet M404' }]);
  });

  it('uses the system default printer when none is configured', async () => {
    const contents = new FakeWebContents([]);
    await expect(createPagePrinter(undefined)(contents)).resolves.toEqual({ ok: true });
    expect(contents.jobs[0]).not.toHaveProperty('deviceName');
    expect(contents.jobs[0]?.silent).toBe(true);
  });

  it('says the printer is missing instead of printing elsewhere', async () => {
    const contents = new FakeWebContents(['Canon LBP']);
    await expect(createPagePrinter('HP LaserJet M404')(contents)).resolves.toEqual({
      ok: false,
      reason: 'printer-not-found',
    });
    expect(contents.jobs).toEqual([]);
  });

  it('passes on the reason a job failed', async () => {
    const contents = new FakeWebContents([], { success: false, reason: 'Print job failed' });
    await expect(createPagePrinter(undefined)(contents)).resolves.toEqual({
      ok: false,
      reason: 'print-failed: Print job failed',
    });
  });

  it('refuses a second job while the first is spooling, then accepts again', async () => {
    const contents = new FakeWebContents([], 'hold');
    const print = createPagePrinter(undefined);
    const first = print(contents);
    await expect(print(contents)).resolves.toEqual({ ok: false, reason: 'busy' });
    await Promise.resolve();
    contents.finish();
    await expect(first).resolves.toEqual({ ok: true });
    expect(contents.jobs).toHaveLength(1);
    const third = print(contents);
    contents.finish();
    await expect(third).resolves.toEqual({ ok: true });
  });
});

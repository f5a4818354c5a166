import { describe, expect, it } from 'vitest';
import { issueCodesCommand, startBanner, type StartFacts } from './start-banner';

const FIRST_RUN: StartFacts = {
  url: 'http://127.0.0.1:8787',
  dataDir: '/home/an/dvc kiosk/data',
  pointId: 'demo-phu-nhuan',
  pointName: 'Điểm DVC trực tuyến demo – Phường Phú Nhuận',
  codes: ['K7QP-3MZD', 'ABCD-2345'],
  noShellReason: 'no Electron binary here',
};

describe('the npm start banner', () => {
  it('ends with what to do next: open the URL, type a PC code', () => {
    const lines = startBanner(FIRST_RUN).split('\n');
    const next = lines.indexOf('Next:');
    expect(next).toBeGreaterThan(lines.findIndex((l) => l.includes('Desktop shell')));
    expect(lines.slice(next).join('\n')).toContain('Open http://127.0.0.1:8787/ in Chromium');
    expect(lines.slice(next).join('\n')).toContain('PC 1: K7QP-3MZD');
    expect(lines.at(-1)).toBe('  Press Ctrl+C to stop the server.');
  });

  it('on a later run, names the data folder in use in the command for new codes', () => {
    const later = startBanner({ ...FIRST_RUN, codes: null });
    expect(later).toContain(
      "DVC_DATA_DIR='/home/an/dvc kiosk/data' npx tsx server/src/cli.ts issue-codes demo-phu-nhuan 2",
    );
    expect(issueCodesCommand({ dataDir: null, pointId: 'p1' })).toBe(
      'DATABASE_URL=<the same URL> npx tsx server/src/cli.ts issue-codes p1 2',
    );
  });
});

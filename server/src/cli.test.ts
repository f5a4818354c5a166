import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ENROLLMENT_CODE_PATTERN } from '#shared/protocol/enroll';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'dvc-cli-'));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'server/src/cli.ts', ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, DVC_DATA_DIR: dataDir, DATABASE_URL: '' },
        timeout: 20_000,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('tsx server/src/cli.ts', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates a point, issues codes, lists points and refuses an unknown device', async () => {
    const created = await cli('create-point', 'Điểm Phường 7', '27058');
    expect(created.code).toBe(0);
    const point = JSON.parse(created.stdout) as { id: string; name: string; wardCode: string };
    expect(point).toMatchObject({ name: 'Điểm Phường 7', wardCode: '27058' });

    const issued = await cli('issue-codes', point.id, '3');
    expect(issued.code).toBe(0);
    const codes = JSON.parse(issued.stdout) as string[];
    expect(codes).toHaveLength(3);
    for (const c of codes) expect(c).toMatch(ENROLLMENT_CODE_PATTERN);

    const listed = await cli('list-points');
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ id: point.id, activeDevices: 0, lastSeq: 0 }),
    ]);

    const revoked = await cli('revoke-device', 'nobody');
    expect(revoked.code).toBe(1);
    expect(revoked.stderr).toContain('no device nobody');

    const usage = await cli('frobnicate');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage:');
  });

  it('publishes the shipped catalog and the 2025 administrative units, and writes nothing the second time', async () => {
    const catalog = await cli('publish-catalog', 'assets/catalog');
    expect([catalog.code, JSON.parse(catalog.stdout)]).toEqual([
      0,
      { scope: 'catalog', published: 1, unchanged: 0, seq: 1 },
    ]);
    const units = await cli('publish-admin-units', 'assets/admin-units-2025/merges.json');
    expect([units.code, JSON.parse(units.stdout)]).toEqual([
      0,
      { scope: 'adminUnits', published: 34, unchanged: 0, seq: 34 },
    ]);
    const again = await cli('publish-admin-units', 'assets/admin-units-2025/merges.json');
    expect(JSON.parse(again.stdout)).toEqual({ scope: 'adminUnits', published: 0, unchanged: 34, seq: 34 });
    // Each call starts a process (seconds each on a loaded machine): more than the default test time.
  }, 60_000);

  it('housekeeping removes partial uploads untouched for a day and keeps recent ones', async () => {
    const uploads = join(dataDir, 'uploads');
    mkdirSync(uploads, { recursive: true });
    const old = new Date(Date.now() - 2 * 24 * 3600_000);
    for (const name of ['abandoned', 'abandoned.json', 'recent', 'recent.json'])
      writeFileSync(join(uploads, name), '');
    for (const name of ['abandoned', 'abandoned.json']) utimesSync(join(uploads, name), old, old);
    const res = await cli('housekeeping');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({ uploadsRemoved: 1, leasesExpired: 0 });
    expect(existsSync(join(uploads, 'abandoned'))).toBe(false);
    expect(existsSync(join(uploads, 'recent.json'))).toBe(true);
  });
});

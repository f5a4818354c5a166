import { afterAll, beforeAll, expect, it } from 'vitest';
import { ENROLLMENT_CODE_PATTERN } from '#shared/protocol/enroll';
import { enrollDevice } from '../auth/enroll';
import { hashSecret } from '../auth/secrets';
import type { Database } from '../db/database';
import type { TestEngine } from '../test-support/engines';
import { DEMO_POINT_NAME, DEMO_WARD_CODE } from './demo';
import { createAdmin, type AdminApi } from './index';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The operator's functions, on the engine `makeEngine` gives. */
export function adminSuite(makeEngine: () => TestEngine): void {
  let engine: TestEngine;
  let db: Database;
  let admin: AdminApi;

  beforeAll(async () => {
    engine = makeEngine();
    db = await engine.open();
    admin = createAdmin(db.kysely);
  });
  afterAll(async () => engine?.dispose());

  it('creates the demo point with two codes once, and only reports it afterwards', async () => {
    const first = await admin.ensureDemoPoint();
    expect(first.point).toMatchObject({ name: DEMO_POINT_NAME, wardCode: DEMO_WARD_CODE });
    expect(first.codes).toHaveLength(2);
    for (const code of first.codes ?? []) expect(code).toMatch(ENROLLMENT_CODE_PATTERN);
    const again = await admin.ensureDemoPoint();
    expect(again).toEqual({ point: first.point, codes: null });
    const demos = (await admin.listPoints()).filter((p) => p.id === first.point.id);
    expect(demos).toHaveLength(1);
    const enrolled = await enrollDevice(db.kysely, { code: first.codes?.[0] ?? '' });
    expect(enrolled.point).toEqual({ id: first.point.id, name: DEMO_POINT_NAME });
  });

  it('issues codes that are stored only as hashes and expire after the given days', async () => {
    const point = await admin.createPoint('  Điểm Phường 10 ', '27073');
    expect(point).toMatchObject({ name: 'Điểm Phường 10', wardCode: '27073' });
    const codes = await admin.issueEnrollmentCodes(point.id, 5);
    expect(new Set(codes).size).toBe(5);
    const rows = await db.kysely
      .selectFrom('enrollment_codes')
      .selectAll()
      .where('point_id', '=', point.id)
      .execute();
    expect(rows.map((r) => r.code_hash).sort()).toEqual(codes.map(hashSecret).sort());
    for (const r of rows) expect(r.expires_at - r.created_at).toBe(7 * DAY_MS);
    const [short] = await admin.issueEnrollmentCodes(point.id, 1, 1);
    const shortRow = await db.kysely
      .selectFrom('enrollment_codes')
      .selectAll()
      .where('code_hash', '=', hashSecret(short ?? ''))
      .executeTakeFirstOrThrow();
    expect(shortRow.expires_at - shortRow.created_at).toBe(DAY_MS);
  });

  it('refuses impossible code requests', async () => {
    const point = await admin.createPoint('Điểm Phường 11');
    await expect(admin.issueEnrollmentCodes(point.id, 0)).rejects.toThrow();
    await expect(admin.issueEnrollmentCodes(point.id, 1.5)).rejects.toThrow();
    await expect(admin.issueEnrollmentCodes(point.id, 2, 0)).rejects.toThrow();
    await expect(admin.issueEnrollmentCodes('no-such-point', 1)).rejects.toThrow(/no point/);
    await expect(admin.createPoint('   ')).rejects.toThrow();
  });

  it('revokes devices and counts only active ones', async () => {
    const point = await admin.createPoint('Điểm Phường 13');
    const codes = await admin.issueEnrollmentCodes(point.id, 2);
    const devices = await Promise.all(codes.map((code) => enrollDevice(db.kysely, { code })));
    const summary = async () => (await admin.listPoints()).find((p) => p.id === point.id);
    expect(await summary()).toMatchObject({ activeDevices: 2, lastSeq: 0 });
    expect(await admin.revokeDevice(devices[0]?.deviceId ?? '')).toBe(true);
    expect(await admin.revokeDevice(devices[0]?.deviceId ?? '')).toBe(true);
    expect(await admin.revokeDevice('no-such-device')).toBe(false);
    expect(await summary()).toMatchObject({ activeDevices: 1 });
  });
}

import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { HlcClock } from '#shared/clock/hlc-clock';
import type { EnrollResponse } from '#shared/protocol/enroll';
import { dossierEnvelope } from '#shared/entities/dossier';
import type { OperationOf } from '#shared/entities/registry';
import type { FieldValue } from '#shared/protocol/operation';
import { createAdmin } from '../admin/index';
import type { Database } from '../db/database';
import type { Client } from './client';

type DossierOperation = OperationOf<'dossier'>;

/** Makes one device's dossier operations (envelopes) with a real HLC, the way a kiosk would. */
export class OpMaker {
  readonly clock: HlcClock;

  constructor(
    readonly deviceId: string,
    now?: () => number,
  ) {
    this.clock = new HlcClock(deviceId, now);
  }

  create(draftId: string, procedureId = 'khai-sinh'): DossierOperation {
    return dossierEnvelope({ kind: 'create', hlc: this.clock.tick(), draftId, procedureId });
  }

  set(draftId: string, field: string, value: FieldValue, prev: string | null = null): DossierOperation {
    return dossierEnvelope({ kind: 'set', hlc: this.clock.tick(), draftId, field, value, prev });
  }

  del(draftId: string): DossierOperation {
    return dossierEnvelope({ kind: 'delete', hlc: this.clock.tick(), draftId });
  }
}

export interface TestDevice extends EnrollResponse {
  ops: OpMaker;
}

/** Creates a point and enrolls `n` devices on it through the API. */
export async function pointWithDevices(
  db: Database,
  call: Client,
  n: number,
  name = 'Điểm thử',
): Promise<{ pointId: string; devices: TestDevice[] }> {
  const admin = createAdmin(db.kysely);
  const point = await admin.createPoint(`${name} ${randomUUID().slice(0, 8)}`);
  const codes = await admin.issueEnrollmentCodes(point.id, n);
  const devices: TestDevice[] = [];
  for (const [i, code] of codes.entries()) {
    const res = await call('POST', '/api/v1/enroll', { body: { code, deviceLabel: `PC ${i + 1}` } });
    expect(res.status).toBe(200);
    const enrolled = res.body as EnrollResponse;
    devices.push({ ...enrolled, ops: new OpMaker(enrolled.deviceId) });
  }
  return { pointId: point.id, devices };
}

/** Every row of every table (minus last_seen_at, which legitimately moves), to prove a refusal changed nothing. */
export async function snapshotDb(db: Database): Promise<Record<string, unknown[]>> {
  const k = db.kysely;
  return {
    points: await k.selectFrom('points').selectAll().orderBy('id').execute(),
    devices: await k
      .selectFrom('devices')
      .select(['id', 'point_id', 'label', 'token_hash', 'revoked_at', 'created_at'])
      .orderBy('id')
      .execute(),
    enrollment_codes: await k.selectFrom('enrollment_codes').selectAll().orderBy('code_hash').execute(),
    ops: await k.selectFrom('ops').selectAll().orderBy('point_id').orderBy('seq').execute(),
    drafts: await k.selectFrom('drafts').selectAll().orderBy('id').execute(),
    draft_fields: await k
      .selectFrom('draft_fields')
      .selectAll()
      .orderBy('draft_id')
      .orderBy('field')
      .execute(),
    leases: await k.selectFrom('leases').selectAll().orderBy('draft_id').execute(),
    blobs: await k.selectFrom('blobs').selectAll().orderBy('point_id').orderBy('sha256').execute(),
    entities: await k.selectFrom('entities').selectAll().orderBy('type').orderBy('id').execute(),
    published_ops: await k.selectFrom('published_ops').selectAll().orderBy('scope').orderBy('seq').execute(),
  };
}

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PointRow, Schema } from '../db/schema';

export interface Point {
  id: string;
  name: string;
  wardCode: string | null;
  createdAt: number;
}

export interface PointSummary extends Point {
  /** Operations committed so far in the point's log. */
  lastSeq: number;
  /** Enrolled devices that are not revoked. */
  activeDevices: number;
}

export function toPoint(row: Pick<PointRow, 'id' | 'name' | 'ward_code' | 'created_at'>): Point {
  return { id: row.id, name: row.name, wardCode: row.ward_code, createdAt: row.created_at };
}

export async function createPoint(
  db: Kysely<Schema>,
  name: string,
  wardCode: string | null = null,
  id: string = randomUUID(),
): Promise<Point> {
  const clean = name.trim().normalize('NFC');
  if (!clean) throw new Error('a point needs a name');
  const row = { id, name: clean, ward_code: wardCode, last_seq: 0, created_at: Date.now() };
  await db.insertInto('points').values(row).execute();
  return toPoint(row);
}

export async function listPoints(db: Kysely<Schema>): Promise<PointSummary[]> {
  const rows = await db
    .selectFrom('points')
    .leftJoin('devices', (j) =>
      j.onRef('devices.point_id', '=', 'points.id').on('devices.revoked_at', 'is', null),
    )
    .select(['points.id', 'points.name', 'points.ward_code', 'points.created_at', 'points.last_seq'])
    .select((eb) => eb.fn.count<number>('devices.id').as('active_devices'))
    .groupBy(['points.id', 'points.name', 'points.ward_code', 'points.created_at', 'points.last_seq'])
    .orderBy('points.created_at')
    .orderBy('points.id')
    .execute();
  return rows.map((r) => ({ ...toPoint(r), lastSeq: r.last_seq, activeDevices: Number(r.active_devices) }));
}

import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema';
import { ensureDemoPoint } from './demo';
import { revokeDevice } from './devices';
import { issueEnrollmentCodes } from './enrollment-codes';
import { createPoint, listPoints, type Point, type PointSummary } from './points';

export type { Point, PointSummary };

/** The operator's functions, bound to one database (used by startServer and the CLI). */
export interface AdminApi {
  createPoint(name: string, wardCode?: string | null): Promise<Point>;
  issueEnrollmentCodes(pointId: string, count: number, ttlDays?: number): Promise<string[]>;
  revokeDevice(deviceId: string): Promise<boolean>;
  listPoints(): Promise<PointSummary[]>;
  ensureDemoPoint(): Promise<{ point: Point; codes: string[] | null }>;
}

export function createAdmin(db: Kysely<Schema>): AdminApi {
  return {
    createPoint: (name, wardCode) => createPoint(db, name, wardCode ?? null),
    issueEnrollmentCodes: (pointId, count, ttlDays) => issueEnrollmentCodes(db, pointId, count, ttlDays),
    revokeDevice: (deviceId) => revokeDevice(db, deviceId),
    listPoints: () => listPoints(db),
    ensureDemoPoint: () => ensureDemoPoint(db),
  };
}

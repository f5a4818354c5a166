import { z } from 'zod';
import { CatalogIndexEntry } from '../catalog/catalog-index';
import { ProcedureForm } from '../catalog/form-schema';
import { serverRecordMerge } from '../merge/server-record';
import { defineEntityType } from './entity-type';

/**
 * Records the server publishes (`publishRecords`), one entity per id; each publication of a changed record
 * is its next version. `retired` removes it from the kiosks' view without rewriting history.
 */
const version = z.number().int().positive();
const retired = z.boolean();

/** One procedure of the catalog: its index entry and form. Entity id: the procedure id. */
export const CatalogProcedureBody = z.object({
  version,
  retired,
  entry: CatalogIndexEntry,
  form: ProcedureForm,
});
export type CatalogProcedureBody = z.infer<typeof CatalogProcedureBody>;

export const catalogProcedureType = defineEntityType({
  type: 'catalogProcedure',
  scope: 'catalog',
  body: CatalogProcedureBody,
  authorOf: () => 'server',
  merge: serverRecordMerge<CatalogProcedureBody>(),
});

/** An account guide (e.g. making a VNeID level-2 account): titled steps a volunteer walks a resident through. */
export const GuideBody = z.object({
  version,
  retired,
  titleVi: z.string().min(1).max(300),
  steps: z
    .array(z.object({ id: z.string().regex(/^[a-z0-9-]{1,60}$/), textVi: z.string().min(1).max(2000) }))
    .min(1)
    .max(100),
});
export type GuideBody = z.infer<typeof GuideBody>;

export const guideType = defineEntityType({
  type: 'guide',
  scope: 'guides',
  body: GuideBody,
  authorOf: () => 'server',
  merge: serverRecordMerge<GuideBody>(),
});

/** A person on the point's staff. Entity id: the staff member's id. */
export const StaffMemberBody = z.object({
  version,
  retired,
  name: z.string().min(1).max(100),
  role: z.enum(['volunteer', 'official', 'lead']),
});
export type StaffMemberBody = z.infer<typeof StaffMemberBody>;

export const staffMemberType = defineEntityType({
  type: 'staffMember',
  scope: 'roster',
  body: StaffMemberBody,
  authorOf: () => 'server',
  merge: serverRecordMerge<StaffMemberBody>(),
});

const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** The point's schedule for one weekday (entity id `mon` … `sun`): opening hours and who is on duty. */
export const ScheduleDayBody = z.object({
  version,
  retired,
  sessions: z
    .array(
      z.object({ opens: HourMinute, closes: HourMinute, staffIds: z.array(z.string().max(100)).max(20) }),
    )
    .max(6),
});
export type ScheduleDayBody = z.infer<typeof ScheduleDayBody>;

export const scheduleDayType = defineEntityType({
  type: 'scheduleDay',
  scope: 'roster',
  body: ScheduleDayBody,
  authorOf: () => 'server',
  merge: serverRecordMerge<ScheduleDayBody>(),
});

/** A unit that a post-2025 unit absorbed: all of it, or part of it (then an old address in it is ambiguous). */
const Merged = z.object({
  oldCode: z.string().regex(/^\d{2,5}$/),
  name: z.string().min(1).max(200),
  type: z.enum(['full', 'partial']),
});

/**
 * A province (or centrally-run city) in force since 2025-07-01 with its communes, each listing the former
 * units merged into it. Entity id: the province code.
 */
export const AdminUnitBody = z.object({
  version,
  retired,
  name: z.string().min(1).max(200),
  merges: z.array(Merged).max(10),
  communes: z
    .array(
      z.object({
        code: z.string().regex(/^\d{5}$/),
        name: z.string().min(1).max(200),
        merges: z.array(Merged).max(60),
      }),
    )
    .max(1000),
});
export type AdminUnitBody = z.infer<typeof AdminUnitBody>;

export const adminUnitType = defineEntityType({
  type: 'adminUnit',
  scope: 'adminUnits',
  body: AdminUnitBody,
  authorOf: () => 'server',
  merge: serverRecordMerge<AdminUnitBody>(),
});

import type { Insertable, Selectable } from 'kysely';

/**
 * The one typed schema both engines share. Times are epoch milliseconds (BIGINT; read back as numbers),
 * ids are text, JSON is text: the portable subset of SQLite and PostgreSQL.
 *
 * It grows by adding migrations, never by editing one:
 * - dossier status compare-and-set: a `status` + `status_version` pair on `drafts`, updated with
 *   `WHERE status_version = ?` inside the push transaction;
 * - attachments: a `blobs` table keyed by sha256 (+ point_id), and set ops keep referencing it by hash;
 * - per-point digest (shared/src/digest): a running count+hash per op row, so the digest up to any seq is one
 *   read; the log is already per point and ordered by seq;
 * - leases: a `leases(draft_id, device_id, expires_at)` table;
 * - catalog publishing: its own scope with its own sequence, alongside `points.last_seq`.
 */
export interface PointsTable {
  id: string;
  name: string;
  ward_code: string | null;
  /** Highest sequence number handed out in this point's op log; the row lock that serializes pushes. */
  last_seq: number;
  created_at: number;
}

export interface DevicesTable {
  id: string;
  point_id: string;
  label: string | null;
  /** sha256 (hex) of the bearer token; the token itself is never stored. */
  token_hash: string;
  revoked_at: number | null;
  created_at: number;
  last_seen_at: number | null;
}

export interface EnrollmentCodesTable {
  /** sha256 (hex) of the normalized code. */
  code_hash: string;
  point_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  device_id: string | null;
}

export interface OpsTable {
  point_id: string;
  seq: number;
  hlc: string;
  device_id: string;
  draft_id: string;
  kind: string;
  /** The operation exactly as validated, replayed to pullers. */
  body_json: string;
  committed_at: number;
}

export interface DraftsTable {
  id: string;
  point_id: string;
  /** Null until the draft's `create` op arrives (a `set` may come first). */
  procedure_id: string | null;
  /** Stamp of the create that set procedure_id (the earliest wins). */
  created_hlc: string | null;
  deleted_hlc: string | null;
  updated_at: number;
}

export interface DraftFieldsTable {
  draft_id: string;
  field: string;
  value_json: string;
  hlc: string;
  prev: string | null;
  /** Concurrent writes with other values, for a person to confirm; null when none. */
  conflicts_json: string | null;
  /** The rest of the shared register (agreeing heads, overwritten and awaited stamps); null when empty. */
  merge_json: string | null;
}

export interface Schema {
  points: PointsTable;
  devices: DevicesTable;
  enrollment_codes: EnrollmentCodesTable;
  ops: OpsTable;
  drafts: DraftsTable;
  draft_fields: DraftFieldsTable;
}

export type PointRow = Selectable<PointsTable>;
export type DeviceRow = Selectable<DevicesTable>;
export type NewOp = Insertable<OpsTable>;

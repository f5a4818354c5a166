import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * The one typed schema both engines share. Times are epoch milliseconds (BIGINT; read back as numbers),
 * ids are text, JSON is text: the portable subset of SQLite and PostgreSQL.
 *
 * It grows by adding migrations, never by editing one.
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

/** The point's log: every entity type of the point, in one sequence (`points.last_seq`). */
export interface OpsTable {
  point_id: string;
  seq: number;
  hlc: string;
  /** The device that pushed it, or that asked for the server-written change (status). */
  device_id: string;
  entity_type: string;
  entity_id: string;
  /** The operation (shared Operation envelope) exactly as validated, replayed to pullers. */
  body_json: string;
  committed_at: number;
  /** Digest (shared/src/digest) of the point's op ids with seq ≤ this row's: the digest at any cursor is one read. */
  digest_count: number;
  digest_hash: string;
}

export interface DraftsTable {
  id: string;
  point_id: string;
  /** Null until the draft's `create` op arrives (a `set` may come first). */
  procedure_id: string | null;
  /** Stamp of the create that set procedure_id (the earliest wins). */
  created_hlc: string | null;
  deleted_hlc: string | null;
  /** The catalog the dossier was started on (null for dossiers made before it was recorded). */
  catalog_version: string | null;
  updated_at: number;
  /** The dossier status (shared/src/status), changed only by compare-and-set. */
  status: Generated<string>;
  /** Accepted status changes so far; the `version` of the latest status operation in the log. */
  status_version: Generated<number>;
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

/** A soft edit lease: informative only, it never blocks a push. */
export interface LeasesTable {
  draft_id: string;
  point_id: string;
  device_id: string;
  expires_at: number;
}

/** A verified attachment a point has; its bytes are at `<blobDir>/<sha256[0..2]>/<sha256>`. */
export interface BlobsTable {
  point_id: string;
  sha256: string;
  size: number;
  content_type: string;
  created_at: number;
}

/** Which point owns a record of the point logs, whatever its type. */
export interface EntitiesTable {
  type: string;
  id: string;
  point_id: string;
}

/** A published log (`catalog`, `guides`, `adminUnits`, `roster:<pointId>`) and its last seq, the lock of its writers. */
export interface PublishedScopesTable {
  scope: string;
  last_seq: number;
}

/** A published log's operations, written by the server only; same envelope and running digest as `ops`. */
export interface PublishedOpsTable {
  scope: string;
  seq: number;
  hlc: string;
  entity_type: string;
  entity_id: string;
  body_json: string;
  committed_at: number;
  digest_count: number;
  digest_hash: string;
}

export interface Schema {
  points: PointsTable;
  devices: DevicesTable;
  enrollment_codes: EnrollmentCodesTable;
  ops: OpsTable;
  drafts: DraftsTable;
  draft_fields: DraftFieldsTable;
  leases: LeasesTable;
  blobs: BlobsTable;
  entities: EntitiesTable;
  published_scopes: PublishedScopesTable;
  published_ops: PublishedOpsTable;
}

export type PointRow = Selectable<PointsTable>;
export type DeviceRow = Selectable<DevicesTable>;
export type NewOp = Insertable<OpsTable>;

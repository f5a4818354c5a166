import type { EntityState, EntityTypeName, Operation, OperationOf } from '#shared/entities/registry';
import { applyEntityOp, entityKey } from '#shared/entities/registry';
import type { FactBody } from '#shared/merge/facts';
import { openJson, sealJson, type Sealed } from '../crypto/record-cipher';
import type { KioskDb, OutboxRecord } from '../db/kiosk-db';
import { guardQuota } from '../db/storage-errors';
import type { ChangeFeed } from './change-feed';
import type { ClockStore } from './clock-store';
import { opContext } from './seal-contexts';

/** Types of the point's log that are facts a kiosk records. */
type FactType = 'visit' | 'guideOutcome' | 'surveyAnswer';
type FactData<T extends FactType> = OperationOf<T>['body'] extends FactBody<infer D> ? D : never;

const recordContext = (type: string, id: string) => `record:${type}:${id}`;

/**
 * The point's records other than dossiers (visits, guide outcomes, survey answers, review notes): each kept
 * as its merged state (shared merge of its type), encrypted, in `records`. A fact recorded here goes to the
 * outbox in the same strict transaction; pulled operations merge in with their type's rule, so a fact that
 * arrives twice is applied once.
 */
export class RecordRepository {
  constructor(
    private readonly db: KioskDb,
    private readonly key: CryptoKey,
    private readonly clock: ClockStore,
    private readonly changes: ChangeFeed,
  ) {}

  /** Records a fact (a new one, or a correction naming the facts it supersedes); returns its operation. */
  async addFact<T extends FactType>(
    type: T,
    id: string,
    data: FactData<T>,
    supersedes: readonly string[] = [],
  ): Promise<OperationOf<T>> {
    const hlc = this.clock.tick();
    const op = {
      hlc,
      type,
      id,
      body: { kind: 'fact', supersedes: [...supersedes], data },
    } as unknown as OperationOf<T>;
    const [sealedState, sealedOp] = await Promise.all([
      this.sealedAfter(op),
      sealJson(this.key, opContext(hlc), op),
    ]);
    const row: OutboxRecord = { hlc, type, entityId: id, ...sealedOp };
    const db = this.db;
    await guardQuota(() =>
      db.transaction('rw', [db.records, db.outbox, db.syncState], async () => {
        await db.records.put({ type, id, ...sealedState });
        await db.outbox.put(row);
        await db.syncState.put(this.clock.record());
      }),
    );
    this.changes.emit([entityKey({ type, id })], 'local');
    return op;
  }

  /** The merged state of a record, or null if this device has none. */
  async get<T extends EntityTypeName>(type: T, id: string): Promise<EntityState<T> | null> {
    const row = await this.db.records.get([type, id]);
    return row ? ((await openJson(this.key, recordContext(type, id), row)) as EntityState<T>) : null;
  }

  /**
   * Merges pulled operations (one transaction for the lot; they are sealed before it opens). Idempotent:
   * the caller may apply a page again after a crash before its cursor was written.
   */
  async applyRemote(ops: readonly Operation[]): Promise<void> {
    if (ops.length === 0) return;
    const states = new Map<string, { type: EntityTypeName; id: string; state: unknown }>();
    for (const op of ops) {
      const key = entityKey(op);
      const cur = states.get(key) ?? { type: op.type, id: op.id, state: await this.get(op.type, op.id) };
      states.set(key, { ...cur, state: applyEntityOp(cur.state ?? undefined, op) });
      this.clock.receive(op.hlc);
    }
    const sealed = await Promise.all(
      [...states.values()].map(async ({ type, id, state }) => ({
        type,
        id,
        ...(await sealJson(this.key, recordContext(type, id), state)),
      })),
    );
    const db = this.db;
    await guardQuota(() =>
      db.transaction('rw', [db.records, db.syncState], async () => {
        await db.records.bulkPut(sealed);
        await db.syncState.put(this.clock.record());
      }),
    );
    this.changes.emit([...states.keys()], 'remote');
  }

  private async sealedAfter(op: Operation | OperationOf<FactType>): Promise<Sealed> {
    const state = applyEntityOp((await this.get(op.type, op.id)) ?? undefined, op);
    return sealJson(this.key, recordContext(op.type, op.id), state);
  }
}

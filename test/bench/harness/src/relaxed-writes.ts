/**
 * Runs `job` with every IndexedDB transaction this page opens made 'relaxed' (no fsync). Only for preparing
 * data that is not timed: the records written are exactly the app's; only the wait for the disk is skipped.
 */
export async function withRelaxedWrites<T>(job: () => Promise<T>): Promise<T> {
  const proto = IDBDatabase.prototype;
  const strict = proto.transaction;
  proto.transaction = function (
    this: IDBDatabase,
    names: string | string[],
    mode?: IDBTransactionMode,
    options?: IDBTransactionOptions,
  ): IDBTransaction {
    return strict.call(this, names, mode, { ...options, durability: 'relaxed' });
  };
  try {
    return await job();
  } finally {
    proto.transaction = strict;
  }
}

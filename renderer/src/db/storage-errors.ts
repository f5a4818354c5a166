/** Thrown by the repositories when the browser refuses to store more; what was saved before stays saved. */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  constructor(options?: { cause?: unknown }) {
    super('The device storage is full', options);
  }
}

/** Dexie reports a full disk either directly or as the inner error of an AbortError; check both. */
export function isQuotaError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { name, inner } = e as { name?: unknown; inner?: { name?: unknown } | null };
  return name === 'QuotaExceededError' || inner?.name === 'QuotaExceededError';
}

/** Runs a write, turning a quota failure into StorageFullError so the UI can say it plainly. */
export async function guardQuota<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isQuotaError(e)) throw new StorageFullError({ cause: e });
    throw e;
  }
}

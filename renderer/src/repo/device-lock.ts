/**
 * Runs `job` while holding this device's write lock, across every tab and window of the browser profile
 * (Web Locks). Two tabs of one enrolled browser share the device id and the persisted clock: without the
 * lock both could stamp an edit with the same HLC, and the server would take the second for a retry of the
 * first. Where Web Locks do not exist (unit tests under Node) there is only one context and `job` just runs.
 */
export async function withDeviceLock<T>(name: string, job: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return job();
  return await locks.request(name, { mode: 'exclusive' }, job);
}

/** The lock every writer of drafts, the outbox and the clock takes, one per enrolled device. */
export const deviceWriteLock = (deviceId: string): string => `dvc-kiosk:writes:${deviceId}`;

/**
 * Asks the browser not to evict the kiosk's data under storage pressure. Returns whether it agreed;
 * it may refuse (not a secure context, or a permission handler in the shell), and the app still works.
 */
export async function requestPersistentStorage(
  storage: StorageManager | undefined = navigator.storage,
): Promise<boolean> {
  if (!storage?.persist) return false;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return false;
  }
}

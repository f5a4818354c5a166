/** A tiny observable value, shaped for React's useSyncExternalStore (subscribe + getSnapshot). */
export class Store<T extends object> {
  private readonly listeners = new Set<() => void>();

  constructor(private value: T) {}

  readonly get = (): T => this.value;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(patch: Partial<T>): void {
    const next = { ...this.value, ...patch };
    if (Object.keys(next).every((k) => Object.is(next[k as keyof T], this.value[k as keyof T]))) return;
    this.value = next;
    for (const listener of this.listeners) listener();
  }
}

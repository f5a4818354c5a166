import type { PlacedFolder } from './temp-root';

/** The folders a run wrote its browser profiles and databases into, with their filesystems, by role. */
export class StorageLog {
  private readonly seen = new Map<string, Map<string, string>>();

  /** Notes that `role` (e.g. "browser profile", "SQLite") used `folder`. */
  record(role: string, folder: PlacedFolder): void {
    const paths = this.seen.get(role) ?? new Map<string, string>();
    paths.set(folder.path, folder.fs);
    this.seen.set(role, paths);
  }

  /** Role → filesystem(s), for a row's `storage` field. */
  summary(roles: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const role of roles) {
      const types = [...new Set(this.seen.get(role)?.values() ?? [])];
      if (types.length > 0) out[role] = types.join(', ');
    }
    return out;
  }

  /** One line per role: its filesystem(s) and the folders, for the report. */
  describe(): string[] {
    return [...this.seen.entries()].map(([role, paths]) => {
      const types = [...new Set(paths.values())].join(', ');
      const dirs = [...new Set([...paths.keys()].map((p) => p.replace(/dvc-bench-.*$/, 'dvc-bench-*')))];
      return `${role}: ${types} (${dirs.join(', ')}; ${paths.size} folder${paths.size === 1 ? '' : 's'})`;
    });
  }
}

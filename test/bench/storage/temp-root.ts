import { mkdirSync, mkdtempSync, statfsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** statfs magic numbers of the filesystems worth naming (linux/magic.h). */
const FS_NAMES: Readonly<Record<number, string>> = {
  0xef53: 'ext4',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x2fc12fc1: 'zfs',
  0x794c7630: 'overlayfs',
  0x6969: 'nfs',
  0x65735546: 'fuse',
  0x01021994: 'tmpfs',
  0x858458f6: 'ramfs',
};
/** Filesystems in RAM: an fsync there costs nothing, so durable writes would look free. */
const IN_MEMORY = new Set(['tmpfs', 'ramfs']);

/** The filesystem type holding `dir` (by name when known, else its statfs magic number in hex). */
export function filesystemOf(dir: string): string {
  const type = statfsSync(dir).type;
  return FS_NAMES[type] ?? `0x${type.toString(16)}`;
}

/** A folder the bench writes into, with the filesystem it is on. */
export interface PlacedFolder {
  readonly path: string;
  readonly fs: string;
}

/** Says where `dir` lives, and refuses a filesystem in RAM: the bench measures durable writes. */
export function placedOnDisk(dir: string): PlacedFolder {
  const fs = filesystemOf(dir);
  if (IN_MEMORY.has(fs)) {
    throw new Error(
      `${dir} is on ${fs}: durable writes cost nothing there; set DVC_BENCH_TMPDIR to a folder on disk`,
    );
  }
  return { path: dir, fs };
}

/**
 * The parent of every temp folder of the run: DVC_BENCH_TMPDIR when set (it must be on disk), else the first
 * of the OS temp folder, /var/tmp and node_modules/.cache that is not in RAM.
 */
export function onDiskTempRoot(env: NodeJS.ProcessEnv = process.env): PlacedFolder {
  const chosen = env.DVC_BENCH_TMPDIR?.trim();
  if (chosen) {
    mkdirSync(chosen, { recursive: true });
    return placedOnDisk(chosen);
  }
  const candidates = [os.tmpdir(), '/var/tmp', path.join(REPO_ROOT, 'node_modules/.cache')];
  for (const dir of candidates) {
    try {
      mkdirSync(dir, { recursive: true });
      const fs = filesystemOf(dir);
      if (!IN_MEMORY.has(fs)) return { path: dir, fs };
    } catch {
      // Not writable or not there: try the next.
    }
  }
  throw new Error(`every temp folder is in RAM (${candidates.join(', ')}); set DVC_BENCH_TMPDIR`);
}

/** A fresh folder under the run's on-disk temp root, checked again where it was made. */
export function makeTempFolder(root: PlacedFolder, label: string): PlacedFolder {
  return placedOnDisk(mkdtempSync(path.join(root.path, `dvc-bench-${label}-`)));
}

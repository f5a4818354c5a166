import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { copyFile, mkdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** Hex SHA-256 of a file's bytes, streamed. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** Content-addressed attachment bytes on disk: `<dir>/<sha[0..2]>/<sha>`, one copy per distinct content. */
export class BlobStore {
  constructor(readonly dir: string) {}

  pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  /** True when the bytes are on disk. */
  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }

  /**
   * Moves a verified file into the store under its hash. If the content is already there, the file is
   * dropped. The name appears only once the bytes are complete (rename), never half-written.
   */
  async adopt(file: string, sha256: string): Promise<void> {
    const target = this.pathOf(sha256);
    await mkdir(dirname(target), { recursive: true });
    if (await this.has(sha256)) {
      await unlink(file);
      return;
    }
    try {
      await rename(file, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      // Uploads and blobs on different file systems: copy beside the target, then rename.
      const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      await copyFile(file, temp);
      await rename(temp, target);
      await unlink(file);
    }
  }

  open(sha256: string): ReadStream {
    return createReadStream(this.pathOf(sha256));
  }
}

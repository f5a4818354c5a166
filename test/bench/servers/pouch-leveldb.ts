import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scope } from '../report/bounded';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '../../..');
const START_LIMIT_MS = 30_000;

export interface PouchLevelServer {
  readonly url: string;
  readonly port: number;
}

/**
 * The on-disk sync baseline: express-pouchdb in full CouchDB mode over PouchDB's LevelDB adapter, with its
 * files in `dataDir`, in a child process of its own (as pouchdb-server runs), serving the bench page too.
 */
export async function startPouchLevelServer(
  scope: Scope,
  dataDir: string,
  staticDir: string,
): Promise<PouchLevelServer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(HERE, 'pouch-leveldb-child.ts'), dataDir, staticDir],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  scope.defer(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const late = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(late);
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`the LevelDB PouchDB server did not start: ${err}`)),
      START_LIMIT_MS,
    );
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the LevelDB PouchDB server exited (${code}): ${err}`));
    });
  });
  return { url, port: Number(new URL(url).port) };
}

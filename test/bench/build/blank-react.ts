import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const CONFIG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../blank-react/vite.config.ts');
let built: Promise<string> | null = null;

/**
 * The blank React page, built once per run (several metrics compare against it) into a temporary folder
 * removed when the run exits.
 */
export function blankReactPage(): Promise<string> {
  built ??= (async () => {
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'dvc-bench-blank-react-'));
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    await build({ configFile: CONFIG, build: { outDir, emptyOutDir: true } });
    return outDir;
  })();
  return built;
}

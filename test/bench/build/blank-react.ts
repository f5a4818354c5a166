import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const CONFIG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../blank-react/vite.config.ts');

/** Builds the blank React page the start-up rows compare against into `outDir`. */
export async function buildBlankReact(outDir: string): Promise<void> {
  await build({ configFile: CONFIG, build: { outDir, emptyOutDir: true } });
}

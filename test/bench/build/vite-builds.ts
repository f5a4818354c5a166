import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const HARNESS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../harness');
const REPO_ROOT = path.resolve(HARNESS, '../../..');

export type HarnessPage = 'baseline' | 'kiosk';

/** Builds one bench page (`<page>.html`) into `outDir`; throws the bundler's error if its imports do not resolve. */
export async function buildHarnessPage(page: HarnessPage, outDir: string): Promise<void> {
  await build({
    configFile: path.join(HARNESS, 'vite.config.ts'),
    build: {
      outDir,
      emptyOutDir: true,
      rolldownOptions: { input: { [page]: path.join(HARNESS, `${page}.html`) } },
    },
  });
}

/** Builds the real kiosk app with its own Vite config into `outDir` (not dist/, which others' runs use). */
export async function buildKioskApp(outDir: string): Promise<void> {
  await build({
    configFile: path.join(REPO_ROOT, 'renderer/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}

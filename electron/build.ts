import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleShell } from './src/build/bundle-shell';

// `npm run build:electron`: dist/electron/main.cjs (package.json "main") and dist/electron/preload.cjs.
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const { mainFile, preloadFile } = await bundleShell({
  repoRoot,
  outDir: path.join(repoRoot, 'dist', 'electron'),
});
console.log(`Bundled ${path.relative(repoRoot, mainFile)} and ${path.relative(repoRoot, preloadFile)}`);

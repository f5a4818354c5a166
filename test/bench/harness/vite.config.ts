import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The bench pages: plain modules, no framework. The runner picks the page (input) and the output folder.
export default defineConfig({
  root: path.dirname(fileURLToPath(import.meta.url)),
  base: './',
  logLevel: 'warn',
  // Same alias as the renderer's own config, so the kiosk modules resolve exactly as in the app.
  resolve: {
    alias: { '#shared': path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/src') },
  },
  // The renderer's build-time constant; its value does not matter to the figures.
  define: { __APP_VERSION__: JSON.stringify('bench') },
  build: {
    target: 'es2022',
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
  },
});

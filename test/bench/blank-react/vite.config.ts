import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

/** Built as the kiosk is (same bundler, React plugin, minifier and precompression), for the start-up ratios. */
export default defineConfig({
  root: path.dirname(fileURLToPath(import.meta.url)),
  base: '/',
  logLevel: 'warn',
  plugins: [
    react(),
    compression({ algorithms: ['gzip', 'brotliCompress'], include: /\.(js|css|html|svg|json|webmanifest)$/ }),
  ],
});

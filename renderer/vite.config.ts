import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type PluginOption } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';
import { kioskFonts } from './build/kiosk-fonts-plugin.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/**
 * The PWA's service worker precaches everything the app can show, fonts included (they are subset to a few
 * MiB), so every language renders offline whatever the first language was. Locales, screens and the catalog
 * are separate chunks: precached too, but the first screen fetches only its own.
 */
function pwa(): PluginOption {
  return VitePWA({
    registerType: 'prompt',
    injectRegister: false,
    strategies: 'generateSW',
    manifest: {
      name: 'Điểm dịch vụ công trực tuyến',
      short_name: 'DVC Kiosk',
      lang: 'vi',
      start_url: '/',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#0b3d91',
      icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,woff2}'],
      navigateFallback: 'index.html',
      navigateFallbackDenylist: [/^\/api\//, /^\/healthz/],
      cleanupOutdatedCaches: true,
    },
  });
}

// `vite build --mode electron` is the shell's build: no service worker (Cache Storage fails on app://).
export default defineConfig(({ mode }) => ({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [
    kioskFonts(repoRoot),
    react(),
    ...(mode === 'electron' ? [] : [pwa()]),
    // Precompressed copies beside each file, served by the sync server when the browser accepts them.
    compression({ algorithms: ['gzip', 'brotliCompress'], include: /\.(js|css|html|svg|json|webmanifest)$/ }),
  ],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  resolve: {
    alias: { '#shared': fileURLToPath(new URL('../shared/src', import.meta.url)) },
  },
  server: { fs: { allow: [repoRoot] } },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Fonts stay files: a data: URI would be blocked by the server's CSP (font-src 'self') and bloat the CSS.
    assetsInlineLimit: (file: string) => (/\.woff2?$/.test(file) ? false : undefined),
    chunkSizeWarningLimit: 1500,
    // The PWA plugin hashes ~190 precached files after the bundle: slow by design, not worth a warning.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
}));

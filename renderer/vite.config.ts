import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type PluginOption } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** The PWA's service worker: precache the app shell only; font slices are fetched on demand and cached then. */
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
      globPatterns: ['**/*.{js,css,html,svg}'],
      globIgnores: ['**/*.woff2', '**/*.woff'],
      navigateFallback: 'index.html',
      navigateFallbackDenylist: [/^\/api\//, /^\/healthz/],
      cleanupOutdatedCaches: true,
      runtimeCaching: [
        {
          urlPattern: ({ request, url }) => request.destination === 'font' || /\.woff2?$/.test(url.pathname),
          handler: 'CacheFirst',
          options: {
            cacheName: 'fonts',
            expiration: { maxEntries: 400 },
            cacheableResponse: { statuses: [0, 200] },
          },
        },
      ],
    },
  });
}

// `vite build --mode electron` is the shell's build: no service worker (Cache Storage fails on app://).
export default defineConfig(({ mode }) => ({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react(), ...(mode === 'electron' ? [] : [pwa()])],
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
  },
}));

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const uiRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

// The SPA lives in src/web/ui and is built into <repo>/dist/ui, which the Koers server
// serves at `/` with an SPA fallback. In development the API is proxied to the server.
export default defineConfig({
  root: uiRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${repoRoot}dist/ui`,
    emptyOutDir: true,
    sourcemap: false,
    // echarts is loaded lazily with the indicator page, so the login page stays small.
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    proxy: {
      // A regex, not the prefix '/api': that would also swallow the module /api.ts.
      '^/api(/|$)': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '^/api(/|$)': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
